package dev.junction.httpclient.redis;

import dev.junction.application.port.out.SharedBucketsFactoryPort;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.port.SharedBucketsPort;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Redis store per distinct setting, kept across configuration reloads: a reload must not open a new client
 * (and its threads) each time. Nothing connects until the first request needs a token.
 */
public final class RedisBucketsFactory implements SharedBucketsFactoryPort {
    private final Map<MiddlewareConfig.Redis, RedisBuckets> stores = new ConcurrentHashMap<>();

    @Override
    public SharedBucketsPort open(MiddlewareConfig.Redis settings) {
        return stores.computeIfAbsent(settings, RedisBuckets::new);
    }
}

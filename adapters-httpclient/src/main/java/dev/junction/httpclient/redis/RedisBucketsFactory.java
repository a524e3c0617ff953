package dev.junction.httpclient.redis;

import dev.junction.application.port.out.SharedBucketsFactoryPort;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.port.SharedBucketsPort;

/** Opens a Redis store (a Lettuce client, single server or cluster) for one {@code rateLimit.redis} setting. */
public final class RedisBucketsFactory implements SharedBucketsFactoryPort {
    @Override
    public SharedBucketsPort open(MiddlewareConfig.Redis settings) {
        return new RedisBuckets(settings);
    }
}

package dev.junction.application.port.out;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.port.SharedBucketsPort;

/**
 * Opens the store behind {@code rateLimit.redis}. Called whenever a configuration is compiled, so an adapter hands
 * out one store per distinct setting and keeps it across reloads; connecting waits for the first request, so
 * {@code junction check} never connects.
 */
public interface SharedBucketsFactoryPort {
    SharedBucketsPort open(MiddlewareConfig.Redis settings);
}

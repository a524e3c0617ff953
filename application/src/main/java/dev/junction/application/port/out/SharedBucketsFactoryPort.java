package dev.junction.application.port.out;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.port.SharedBucketsPort;

/**
 * Opens the store behind {@code rateLimit.redis}: a new one on each call, which its user closes. Connecting waits
 * for the first request, so {@code junction check} never connects.
 */
public interface SharedBucketsFactoryPort {
    SharedBucketsPort open(MiddlewareConfig.Redis settings);
}

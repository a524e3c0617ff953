package dev.junction.application.compile;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.middleware.Middleware;

/**
 * Builds the behaviour of one middleware definition once per configuration; a bad definition throws. What a
 * middleware uses besides its options (the forwarder, other services) comes in {@code wiring}.
 */
public interface MiddlewareFactory {
    Middleware create(MiddlewareConfig config, MiddlewareWiring wiring) throws ConfigurationException;
}

package dev.junction.application.compile;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.middleware.Middleware;

/** Builds the behaviour of one middleware definition once per configuration; a bad definition throws. */
public interface MiddlewareFactory {
    Middleware create(MiddlewareConfig config) throws ConfigurationException;
}

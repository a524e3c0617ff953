package dev.junction.application.compile;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.ForwardRequestPort;

/**
 * Builds the behaviour of one middleware definition once per configuration; a bad definition throws. Middlewares
 * that call a server themselves (forwardAuth) do it through the configuration's {@code forwarder}.
 */
public interface MiddlewareFactory {
    Middleware create(MiddlewareConfig config, ForwardRequestPort forwarder) throws ConfigurationException;
}

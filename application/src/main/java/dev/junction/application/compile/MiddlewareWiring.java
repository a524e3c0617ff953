package dev.junction.application.compile;

import dev.junction.domain.http.HttpHandler;
import java.util.Map;
import java.util.Objects;

/**
 * What a middleware may use besides its own options, in the configuration being compiled: the transports (for
 * forwardAuth's call to its auth server) and the configuration's services (for the errors middleware's page),
 * by qualified name.
 */
public record MiddlewareWiring(Transports transports, Map<String, HttpHandler> services, String provider) {
    public MiddlewareWiring {
        Objects.requireNonNull(transports, "transports");
        services = Map.copyOf(services);
        Objects.requireNonNull(provider, "provider");
    }

    /** The service a reference names ({@code name} or {@code name@provider}); null when there is none. */
    public HttpHandler service(String reference) {
        return services.get(ConfigurationCompiler.qualify(reference, provider));
    }
}

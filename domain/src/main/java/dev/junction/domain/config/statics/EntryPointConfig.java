package dev.junction.domain.config.statics;

import java.util.Objects;

/**
 * A listening address and what is trusted there. {@code host} is empty when the address binds every interface
 * ({@code :8081}).
 */
public record EntryPointConfig(String name, String host, int port, ForwardedHeadersConfig forwardedHeaders) {
    public EntryPointConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(forwardedHeaders, "forwardedHeaders");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}

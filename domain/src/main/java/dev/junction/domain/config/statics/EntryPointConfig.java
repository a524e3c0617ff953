package dev.junction.domain.config.statics;

import java.util.List;
import java.util.Objects;

/**
 * A listening address, what is trusted there, how long it waits on clients and what an HTTP/2 client may ask.
 * {@code host} is empty when the address binds every interface ({@code :8081}). {@code middlewares}
 * ({@code http.middlewares}) run before the middlewares of every router on this entrypoint.
 */
public record EntryPointConfig(String name, String host, int port, ForwardedHeadersConfig forwardedHeaders,
                               EntryPointTransport transport, List<String> middlewares, Http2Settings http2) {
    public EntryPointConfig {
        middlewares = List.copyOf(middlewares);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(forwardedHeaders, "forwardedHeaders");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(http2, "http2");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}

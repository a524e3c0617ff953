package dev.junction.domain.config.statics;

/**
 * An entrypoint's {@code http2} section. Plain entrypoints speak HTTP/2 to clients that start with it (prior
 * knowledge, as gRPC clients do), as Traefik's do; these bound what one connection may ask of Junction.
 *
 * @param maxConcurrentStreams       streams a client may have open at once on one connection (250)
 * @param maxDecoderHeaderTableSize  the HPACK table Junction keeps for a client's headers, in bytes (4096)
 * @param maxEncoderHeaderTableSize  the HPACK table Junction uses for its answers at most, in bytes (4096)
 */
public record Http2Settings(int maxConcurrentStreams, int maxDecoderHeaderTableSize, int maxEncoderHeaderTableSize) {
    public static final Http2Settings DEFAULTS = new Http2Settings(250, 4096, 4096);

    public Http2Settings {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be positive, was " + maxConcurrentStreams);
        }
        if (maxDecoderHeaderTableSize < 0 || maxEncoderHeaderTableSize < 0) {
            throw new IllegalArgumentException("header table sizes cannot be negative");
        }
    }
}

package dev.junction.domain.port;

import dev.junction.domain.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A request ready for a backend: where to send it, the request line, end-to-end headers only (hop-by-hop
 * ones removed, forwarded ones set), and the body. {@code body} is null when there is none;
 * {@code contentLength} is -1 when the body length is unknown.
 */
public record UpstreamRequest(String scheme, String host, int port, String method, String target,
                              HttpHeaders headers, Flow.Publisher<ByteBuffer> body, long contentLength) {
    public UpstreamRequest {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(headers, "headers");
    }
}

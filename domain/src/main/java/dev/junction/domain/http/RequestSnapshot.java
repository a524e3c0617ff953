package dev.junction.domain.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A request's path and headers as they stood at one point of the chain. Later middlewares edit the request in
 * place (a prefix added, a header set), so a middleware that sends a request again (retry, buffering's retry
 * expression) restores this copy first, as Traefik sends each attempt a fresh clone of the request.
 */
public final class RequestSnapshot {
    private final String rawPath;
    private final ListHeaders headers = new ListHeaders();

    private RequestSnapshot(Exchange exchange) {
        this.rawPath = exchange.rawPath();
        exchange.requestHeaders().forEach(headers::add);
    }

    public static RequestSnapshot of(Exchange exchange) {
        return new RequestSnapshot(exchange);
    }

    /** Puts the path and headers back as they were when the snapshot was taken. */
    public void restore(Exchange exchange) {
        exchange.setRawPath(rawPath);
        HttpHeaders current = exchange.requestHeaders();
        List<String> names = new ArrayList<>();
        current.forEach((name, value) -> names.add(name));
        names.forEach(current::remove);
        headers.forEach(current::add);
    }
}

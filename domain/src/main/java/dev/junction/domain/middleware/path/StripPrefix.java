package dev.junction.domain.middleware.path;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.RequestTarget;
import dev.junction.domain.middleware.Middleware;
import java.util.List;

/**
 * {@code stripPrefix}: removes the first listed prefix that is a plain string prefix of the path ({@code /stat}
 * strips {@code /status} to {@code /us}, as in Traefik; it is not segment-aware), forwards {@code /} for an empty
 * result, and tells the backend what was removed in {@code X-Forwarded-Prefix}.
 */
public final class StripPrefix implements Middleware {
    static final String FORWARDED_PREFIX = "X-Forwarded-Prefix";

    private final List<String> prefixes;

    public StripPrefix(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String escaped = exchange.rawPath();
        String decoded = RequestTarget.unescape(escaped);
        for (String prefix : prefixes) {
            if (!prefix.isEmpty() && decoded.startsWith(prefix)) {
                if (!PathRewrite.apply(exchange, PathRewrite.strip(escaped, decoded, prefix))) {
                    return;
                }
                exchange.requestHeaders().add(FORWARDED_PREFIX, prefix.trim());
                break;
            }
        }
        next.handle(exchange);
    }

    @Override
    public String toString() {
        return "stripPrefix " + prefixes;
    }
}

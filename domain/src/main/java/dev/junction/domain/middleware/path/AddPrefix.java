package dev.junction.domain.middleware.path;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.RequestTarget;
import dev.junction.domain.middleware.Middleware;
import java.util.Objects;

/** {@code addPrefix}: puts a prefix in front of the forwarded path; a prefix without a leading slash gets one. */
public final class AddPrefix implements Middleware {
    private final String escapedPrefix;

    public AddPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        this.escapedPrefix = RequestTarget.escape(PathRewrite.withLeadingSlash(prefix));
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        exchange.setRawPath(PathRewrite.withLeadingSlash(escapedPrefix + exchange.rawPath()));
        next.handle(exchange);
    }

    @Override
    public String toString() {
        return "addPrefix " + escapedPrefix;
    }
}

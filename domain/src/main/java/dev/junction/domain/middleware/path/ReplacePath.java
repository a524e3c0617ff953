package dev.junction.domain.middleware.path;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.middleware.Middleware;
import java.util.Objects;

/**
 * {@code replacePath}: forwards a fixed path instead of the request's (the path may hold escapes, kept as
 * written), and keeps the original escaped path in {@code X-Replaced-Path}.
 */
public final class ReplacePath implements Middleware {
    static final String REPLACED_PATH = "X-Replaced-Path";

    private final String path;

    public ReplacePath(String path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        exchange.requestHeaders().add(REPLACED_PATH, exchange.rawPath());
        exchange.setRawPath(path);
        next.handle(exchange);
    }

    @Override
    public String toString() {
        return "replacePath " + path;
    }
}

package dev.junction.application.compile;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.middleware.Middleware;
import java.util.List;

/** A router's middlewares linked in the order it lists them, ending at its service; built once, shared. */
final class Pipeline implements HttpHandler {
    private final Middleware middleware;
    private final HttpHandler next;

    private Pipeline(Middleware middleware, HttpHandler next) {
        this.middleware = middleware;
        this.next = next;
    }

    static HttpHandler of(List<Middleware> middlewares, HttpHandler service) {
        HttpHandler handler = service;
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            handler = new Pipeline(middlewares.get(i), handler);
        }
        return handler;
    }

    @Override
    public void handle(Exchange exchange) {
        middleware.handle(exchange, next);
    }

    @Override
    public String toString() {
        return middleware + " -> " + next;
    }
}

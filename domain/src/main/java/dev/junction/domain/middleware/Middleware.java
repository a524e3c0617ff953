package dev.junction.domain.middleware;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;

/**
 * One step of a router's chain. It continues by calling {@code next.handle(exchange)} (possibly later, from
 * another thread) or short-circuits by answering the exchange itself. Implementations are immutable and shared
 * by every request of a configuration.
 */
@FunctionalInterface
public interface Middleware {
    void handle(Exchange exchange, HttpHandler next);

    /**
     * The instance a router uses. Most middlewares are shared by every router naming them; one whose state belongs
     * to a router (a circuit breaker, as in Traefik) returns a fresh instance for each.
     */
    default Middleware forRouter() {
        return this;
    }
}

package dev.junction.domain.http;

/** Something that takes an exchange on: the next middleware, or the service at the end of a router's chain. */
@FunctionalInterface
public interface HttpHandler {
    void handle(Exchange exchange);
}

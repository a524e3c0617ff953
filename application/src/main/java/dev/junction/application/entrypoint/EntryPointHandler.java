package dev.junction.application.entrypoint;

import dev.junction.application.proxy.PlainText;
import dev.junction.application.routing.LiveRouting;
import dev.junction.application.routing.Route;
import dev.junction.domain.forwarding.ForwardedHeaders;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import java.util.Objects;

/**
 * Takes one exchange accepted on an entrypoint through Junction: the forwarded-headers step, then the first
 * matching router of the snapshot in force, then that router's chain. No router: 404, as Traefik answers.
 */
public final class EntryPointHandler implements HttpHandler {
    private final String entryPoint;
    private final ForwardedHeaders forwardedHeaders;
    private final LiveRouting routing;

    public EntryPointHandler(String entryPoint, ForwardedHeaders forwardedHeaders, LiveRouting routing) {
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
        this.forwardedHeaders = Objects.requireNonNull(forwardedHeaders, "forwardedHeaders");
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    public void handle(Exchange exchange) {
        forwardedHeaders.apply(exchange.requestHeaders(), exchange.clientAddress(), exchange.hostHeader(),
                exchange.scheme().equals("https"));
        Route route = routing.current().table(entryPoint).find(exchange);
        if (route == null) {
            exchange.respond(404, PlainText.headers(), "404 page not found\n");
            return;
        }
        route.pipeline().handle(exchange);
    }

    @Override
    public String toString() {
        return "EntryPointHandler[" + entryPoint + "]";
    }
}

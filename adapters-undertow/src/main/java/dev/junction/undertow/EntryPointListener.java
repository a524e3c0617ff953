package dev.junction.undertow;

import dev.junction.domain.config.statics.EntryPointTransport;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.RequestTarget;
import dev.junction.domain.http.RequestTargetRejection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Undertow handler of one entrypoint. On the IO thread it refuses what a proxy must not pass on (ambiguous
 * message framing, a path that cannot be normalised), turns the request into Junction's exchange, and hands it
 * to the application without blocking; the exchange then completes asynchronously.
 */
final class EntryPointListener implements io.undertow.server.HttpHandler {
    private final String entryPoint;
    private final HttpHandler next;
    private final AtomicInteger inFlight;
    private final Stalls stalls;

    EntryPointListener(String entryPoint, HttpHandler next, AtomicInteger inFlight, EntryPointTransport transport) {
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
        this.next = Objects.requireNonNull(next, "next");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.stalls = new Stalls(entryPoint, transport.bodyReadTimeout(), transport.writeTimeout());
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)
                && exchange.getRequestHeaders().contains(Headers.CONTENT_LENGTH)) {
            reject(exchange, "ambiguous message length: both Transfer-Encoding and Content-Length");
            return;
        }
        if (exchange.getRequestHeaders().count(Headers.CONTENT_LENGTH) > 1) {
            reject(exchange, "more than one Content-Length");
            return;
        }
        String hostHeader = exchange.getRequestHeaders().getFirst(Headers.HOST);
        String rawPath = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = rawPath.indexOf("://");
            int slash = rawPath.indexOf('/', scheme + 3);
            hostHeader = rawPath.substring(scheme + 3, slash < 0 ? rawPath.length() : slash);
            rawPath = slash < 0 ? "/" : rawPath.substring(slash);
        }
        if (hostHeader == null) {
            hostHeader = "";
        }
        RequestTarget target;
        try {
            target = RequestTarget.of(rawPath);
        } catch (RequestTargetRejection e) {
            reject(exchange, e.getMessage());
            return;
        }
        UndertowExchange junctionExchange = new UndertowExchange(exchange, RequestTarget.canonicalHost(hostHeader),
                hostHeader, target.rawPath(), target.routingPath(), stalls);
        inFlight.incrementAndGet();
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            inFlight.decrementAndGet();
            nextListener.proceed();
        });
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> next.handle(junctionExchange));
    }

    private static void reject(HttpServerExchange exchange, String reason) {
        exchange.setStatusCode(400);
        exchange.setPersistent(false);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        exchange.getResponseSender().send("400 Bad Request: " + reason + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EntryPointListener[" + entryPoint + " -> " + next + "]";
    }
}

package dev.junction.domain.middleware.headers;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.ForwardFailure;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The {@code headers} middleware, in Traefik's order: a CORS preflight is answered 200 here without reaching the
 * backend; custom request headers are set (an empty value deletes, a {@code Host} entry changes the host sent
 * upstream, an empty {@code X-Forwarded-For} keeps the client's address from the backend altogether); a host outside {@code allowedHosts} then gets 500; every answer given after this middleware, the
 * backend's or a later middleware's, gets the security headers, the custom response headers and the CORS headers.
 */
public final class Headers implements Middleware {
    private final MiddlewareConfig.Headers config;
    private final Cors cors;
    private final SecurityHeaders security;
    private final String hostOverride;
    private final boolean suppressForwardedFor;

    public Headers(MiddlewareConfig.Headers config) {
        this.config = config;
        this.cors = new Cors(config.cors());
        this.security = new SecurityHeaders(config.security());
        this.hostOverride = config.customRequestHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Host") && !e.getValue().isEmpty())
                .map(Map.Entry::getValue).findFirst().orElse(null);
        this.suppressForwardedFor = config.customRequestHeaders().entrySet().stream()
                .anyMatch(e -> e.getKey().equalsIgnoreCase("X-Forwarded-For") && e.getValue().isEmpty());
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        if (cors.isPreflight(exchange)) {
            ListHeaders headers = new ListHeaders();
            cors.preflight(exchange, headers);
            exchange.respond(200, headers, "");
            return;
        }
        config.customRequestHeaders().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Host")) {
                return;
            }
            if (value.isEmpty()) {
                exchange.requestHeaders().remove(name);
            } else {
                exchange.requestHeaders().set(name, value);
            }
        });
        Edited edited = new Edited(exchange, exchange.requestHeaders().first("Origin"), security.isTls(exchange));
        if (security.rejectsHost(edited)) {
            PlainAnswer.send(exchange, 500, "Bad Host\n");
            return;
        }
        next.handle(edited);
    }

    /**
     * The answer's headers as Traefik leaves them: the security headers first, then the custom response headers
     * (which win where both set one), then CORS.
     */
    private HttpHeaders edit(HttpHeaders given, String origin, boolean tls) {
        ListHeaders headers = new ListHeaders();
        given.forEach(headers::add);
        security.response(tls, headers);
        config.customResponseHeaders().forEach((name, value) -> {
            if (value.isEmpty()) {
                headers.remove(name);
            } else {
                headers.set(name, value);
            }
        });
        if (cors.isSet()) {
            cors.response(origin, headers);
        }
        return headers;
    }

    /** The exchange as later steps see it: answers pass through {@link #edit}, the host may be overridden. */
    private final class Edited extends ForwardingExchange {
        private final String origin;
        private final boolean tls;

        Edited(Exchange delegate, String origin, boolean tls) {
            super(delegate);
            this.origin = origin;
            this.tls = tls;
        }

        @Override
        public String hostHeader() {
            return hostOverride != null ? hostOverride : super.hostHeader();
        }

        @Override
        public boolean forwardsClientAddress() {
            return !suppressForwardedFor && super.forwardsClientAddress();
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            super.respond(status, edit(headers, origin, tls), body);
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            super.stream(status, edit(headers, origin, tls), body);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            super.failed(failure, edit(headers, origin, tls), body);
        }
    }

    @Override
    public String toString() {
        return "headers " + config.name();
    }
}

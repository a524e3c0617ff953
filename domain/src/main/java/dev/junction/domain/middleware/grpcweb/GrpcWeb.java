package dev.junction.domain.middleware.grpcweb;

import dev.junction.domain.http.EmptyBody;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.StatusText;
import dev.junction.domain.http.TrailedBody;
import dev.junction.domain.http.TransformedBody;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.ForwardFailure;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * {@code grpcWeb}, as Traefik's (improbable-eng's wrapper): a browser's gRPC-Web call (a POST of
 * {@code application/grpc-web[-text]}) goes to the backend as gRPC ({@code application/grpc}, base64 decoded for
 * {@code -text}, with {@code TE: trailers}), and the answer comes back as gRPC-Web, the backend's trailers in a
 * last frame of the body and every response header exposed to the page. A CORS preflight asking for
 * {@code x-grpc-web} is answered here: 204, with the CORS grants only for an origin in {@code allowOrigins}
 * ({@code *} for any; none by default). Anything else passes untouched. The backend must speak HTTP/2 (an
 * {@code h2c://} server) for its trailers to exist.
 */
public final class GrpcWeb implements Middleware {
    private static final String WEB = "application/grpc-web";
    private static final String TEXT = "application/grpc-web-text";
    private static final String GRPC = "application/grpc";
    private static final Set<String> PREFLIGHT_METHODS = Set.of("GET", "POST", "HEAD");

    private final Set<String> allowOrigins;
    private final boolean anyOrigin;

    public GrpcWeb(List<String> allowOrigins) {
        this.allowOrigins = Set.copyOf(allowOrigins);
        this.anyOrigin = allowOrigins.contains("*");
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String method = exchange.method();
        HttpHeaders request = exchange.requestHeaders();
        if (method.equals("OPTIONS") && String.join(",", request.all("Access-Control-Request-Headers"))
                .toLowerCase(Locale.ROOT).contains("x-grpc-web")) {
            preflight(exchange);
            return;
        }
        String type = request.first("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!method.equals("POST") || !lower.startsWith(WEB)) {
            next.handle(exchange);
            return;
        }
        boolean text = lower.startsWith(TEXT);
        String suffix = type.substring((text ? TEXT : WEB).length());
        request.set("Content-Type", GRPC + suffix);
        request.remove("Content-Length");
        request.set("TE", "trailers");
        next.handle(new WebCall(exchange, text));
    }

    private boolean allowed(String origin) {
        return origin != null && (anyOrigin || allowOrigins.contains(origin));
    }

    private void preflight(Exchange exchange) {
        HttpHeaders request = exchange.requestHeaders();
        ListHeaders headers = new ListHeaders();
        headers.add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        String origin = request.first("Origin");
        String requested = request.first("Access-Control-Request-Method");
        String wanted = requested == null ? "" : requested.toUpperCase(Locale.ROOT);
        if (allowed(origin) && PREFLIGHT_METHODS.contains(wanted)) {
            headers.set("Access-Control-Allow-Origin", origin);
            headers.set("Access-Control-Allow-Methods", wanted);
            String asked = String.join(", ", request.all("Access-Control-Request-Headers"));
            if (!asked.isEmpty()) {
                headers.set("Access-Control-Allow-Headers", asked);
            }
            headers.set("Access-Control-Allow-Credentials", "true");
            headers.set("Access-Control-Max-Age", "600");
        }
        exchange.respond(204, headers, "");
    }

    /** The call as the backend sees it (gRPC), its answer turned back into gRPC-Web. */
    private final class WebCall extends ForwardingExchange {
        private final boolean text;
        private volatile boolean malformed;

        WebCall(Exchange client, boolean text) {
            super(client);
            this.text = text;
        }

        @Override
        public long requestContentLength() {
            return text ? -1 : super.requestContentLength();
        }

        @Override
        public Flow.Publisher<ByteBuffer> requestBody() {
            return text ? new TransformedBody(super.requestBody(), () -> new Base64Decoding(() -> malformed = true))
                    : super.requestBody();
        }

        /** The answer's headers with the gRPC-Web content type, CORS grants and every header exposed. */
        private ListHeaders webHeaders(HttpHeaders given, boolean grpc) {
            ListHeaders out = new ListHeaders();
            given.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Length")) {
                    out.add(name, value);
                }
            });
            String type = out.first("Content-Type");
            if (grpc && type != null && type.toLowerCase(Locale.ROOT).startsWith(GRPC)) {
                out.set("Content-Type", (text ? TEXT : WEB) + type.substring(GRPC.length()));
            }
            Set<String> names = new LinkedHashSet<>();
            out.forEach((name, value) -> names.add(name));
            List<String> exposed = new ArrayList<>(names);
            exposed.add("grpc-status");
            exposed.add("grpc-message");
            out.set("Access-Control-Expose-Headers", String.join(", ", exposed));
            out.add("Vary", "Origin");
            String origin = delegate().requestHeaders().first("Origin");
            if (allowed(origin)) {
                out.set("Access-Control-Allow-Origin", origin);
                out.set("Access-Control-Allow-Credentials", "true");
            }
            return out;
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            Flow.Publisher<ByteBuffer> source = body == null ? EmptyBody.INSTANCE : body;
            super.stream(status, webHeaders(headers, true), new TransformedBody(source,
                    () -> new WebFraming(() -> TrailedBody.of(source), text)));
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            super.respond(status, webHeaders(headers, false), body);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            if (malformed) {
                super.respond(400, webHeaders(PlainAnswer.headers(), false), StatusText.of(400));
                return;
            }
            super.failed(failure, webHeaders(headers, false), body);
        }
    }

    @Override
    public String toString() {
        return "grpcWeb " + allowOrigins;
    }
}

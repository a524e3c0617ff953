package dev.junction.domain.middleware.errors;

import dev.junction.domain.http.BodyDrain;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.StatusRange;
import dev.junction.domain.http.StatusText;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.ForwardFailure;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

/**
 * {@code errors}: when the answer's status is in one of the ranges (the backend's, or one Junction gave, such as a
 * 502), the client gets instead the page that {@code service} serves at {@code query}, with the original status
 * or its {@code statusRewrites} replacement. {@code {status}}, {@code {originalStatus}} and {@code {url}} (the
 * request URI, query-escaped) are filled into the query. The page request is a GET with the client's Host and
 * headers: all of them, or only those {@code errorRequestHeaders} names (none when it names none), so that
 * credentials need not reach a page service that has no use for them. If the page cannot be fetched, the client
 * gets the status with its status text.
 */
public final class Errors implements Middleware {
    private final List<StatusRange> status;
    private final Map<StatusRange, Integer> rewrites;
    private final String query;
    private final HttpHandler service;
    private final Optional<Set<String>> pageHeaders;

    /** @param pageHeaders the request headers the page request carries; empty for all of them */
    public Errors(List<StatusRange> status, Map<StatusRange, Integer> rewrites, String query,
                  Optional<List<String>> pageHeaders, HttpHandler service) {
        this.status = List.copyOf(status);
        if (this.status.isEmpty()) {
            throw new IllegalArgumentException("status lists no status to catch");
        }
        this.rewrites = Map.copyOf(rewrites);
        this.query = "/" + (query == null ? "" : query.startsWith("/") ? query.substring(1) : query);
        this.service = Objects.requireNonNull(service, "service");
        this.pageHeaders = pageHeaders.map(names -> names.stream().map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        next.handle(new Catcher(exchange));
    }

    private boolean catches(int code) {
        for (StatusRange range : status) {
            if (range.contains(code)) {
                return true;
            }
        }
        return false;
    }

    private int rewritten(int code) {
        for (Map.Entry<StatusRange, Integer> rewrite : rewrites.entrySet()) {
            if (rewrite.getKey().contains(code)) {
                return rewrite.getValue();
            }
        }
        return code;
    }

    /** Watches the answers of later steps; a caught one is replaced by the error page. */
    private final class Catcher extends ForwardingExchange {
        Catcher(Exchange client) {
            super(client);
        }

        private void page(int original) {
            int code = rewritten(original);
            String uri = delegate().rawPath() + (delegate().rawQuery() == null ? "" : "?" + delegate().rawQuery());
            String target = query.replace("{status}", Integer.toString(code))
                    .replace("{originalStatus}", Integer.toString(original))
                    .replace("{url}", URLEncoder.encode(uri, StandardCharsets.UTF_8));
            int q = target.indexOf('?');
            service.handle(new PageRequest(delegate(), code, q < 0 ? target : target.substring(0, q),
                    q < 0 ? null : target.substring(q + 1), pageHeaders));
        }

        @Override
        public void respond(int code, HttpHeaders headers, String body) {
            if (catches(code)) {
                page(code);
            } else {
                super.respond(code, headers, body);
            }
        }

        @Override
        public void stream(int code, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (catches(code)) {
                BodyDrain.drain(body);
                page(code);
            } else {
                super.stream(code, headers, body);
            }
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            if (catches(failure.status())) {
                page(failure.status());
            } else {
                super.failed(failure, headers, body);
            }
        }
    }

    /** The request for the error page: a GET to the query, answered to the client under the caught status. */
    private static final class PageRequest extends ForwardingExchange {
        private final int code;
        private String rawPath;
        private final String rawQuery;
        private final ListHeaders headers = new ListHeaders();

        PageRequest(Exchange client, int code, String rawPath, String rawQuery, Optional<Set<String>> only) {
            super(client);
            this.code = code;
            this.rawPath = rawPath;
            this.rawQuery = rawQuery;
            client.requestHeaders().forEach((name, value) -> {
                if (only.isEmpty() || only.get().contains(name.toLowerCase(Locale.ROOT))) {
                    headers.add(name, value);
                }
            });
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String rawPath() {
            return rawPath;
        }

        @Override
        public void setRawPath(String rawPath) {
            this.rawPath = rawPath;
        }

        @Override
        public String rawQuery() {
            return rawQuery;
        }

        @Override
        public HttpHeaders requestHeaders() {
            return headers;
        }

        @Override
        public long requestContentLength() {
            return 0;
        }

        @Override
        public void respond(int status, HttpHeaders answer, String body) {
            super.respond(code, answer, body);
        }

        @Override
        public void stream(int status, HttpHeaders answer, Flow.Publisher<ByteBuffer> body) {
            super.stream(code, answer, body);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders answer, String body) {
            super.respond(code, PlainAnswer.headers(), StatusText.of(code));
        }
    }

    @Override
    public String toString() {
        return "errors " + status + " -> " + query;
    }
}

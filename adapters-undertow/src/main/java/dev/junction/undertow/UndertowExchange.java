package dev.junction.undertow;

import dev.junction.application.proxy.PlainText;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Junction's view of one Undertow exchange. Reads come straight from Undertow's request; answers are carried
 * out on the connection's IO thread whatever thread gives them, and only the first answer counts.
 */
final class UndertowExchange implements Exchange {
    private final HttpServerExchange exchange;
    private final String host;
    private final String routingPath;
    private final String hostHeader;
    private final UndertowHeaders requestHeaders;
    private final Stalls stalls;
    /** The body's framing as the client declared it, kept apart from the headers that middlewares may edit. */
    private final boolean chunked;
    private final long declaredLength;
    private final AtomicBoolean answered = new AtomicBoolean();
    private String rawPath;
    private RequestBodyPublisher body;
    private Runnable onClientGone;
    /** The peer's address, asked for by forwarding headers, rules and middlewares; Undertow builds it anew per ask. */
    private InetAddress client;

    UndertowExchange(HttpServerExchange exchange, String host, String hostHeader, String rawPath, String routingPath,
                     Stalls stalls) {
        this.exchange = exchange;
        this.stalls = stalls;
        this.host = host;
        this.hostHeader = hostHeader;
        this.rawPath = rawPath;
        this.routingPath = routingPath;
        this.requestHeaders = new UndertowHeaders(exchange.getRequestHeaders());
        // HTTP/2 frames a body itself: without a Content-Length its length is unknown, as a chunked one's
        this.chunked = exchange.getRequestHeaders().contains(io.undertow.util.Headers.TRANSFER_ENCODING)
                || exchange.getProtocol().equals(io.undertow.util.Protocols.HTTP_2_0)
                && !exchange.getRequestHeaders().contains(io.undertow.util.Headers.CONTENT_LENGTH);
        this.declaredLength = Math.max(0, exchange.getRequestContentLength());
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return routingPath;
    }

    @Override
    public List<String> headerValues(String name) {
        return requestHeaders.all(name);
    }

    @Override
    public List<String> queryValues(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null ? null : new ArrayList<>(values);
    }

    @Override
    public InetAddress clientAddress() {
        InetAddress c = client;
        if (c == null) {
            c = exchange.getSourceAddress().getAddress();
            client = c;
        }
        return c;
    }

    @Override
    public String scheme() {
        return exchange.getRequestScheme();
    }

    @Override
    public String hostHeader() {
        return hostHeader;
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
        String q = exchange.getQueryString();
        return q == null || q.isEmpty() ? null : q;
    }

    @Override
    public HttpHeaders requestHeaders() {
        return requestHeaders;
    }

    @Override
    public long requestContentLength() {
        if (exchange.isRequestComplete()) {
            return 0;
        }
        if (exchange.isRequestChannelAvailable() && chunked) {
            return -1;
        }
        return declaredLength;
    }

    @Override
    public Flow.Publisher<ByteBuffer> requestBody() {
        if (body == null) {
            body = new RequestBodyPublisher(exchange, chunked ? -1 : declaredLength, stalls, () -> {
                exchange.setPersistent(false);
                respond(408, PlainText.headers(), "Request Timeout");
            }, this::watchClient);
        }
        return body;
    }

    @Override
    public void respond(int status, HttpHeaders headers, String text) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        onIoThread(() -> {
            if (exchange.isComplete() || exchange.isResponseStarted()) {
                return;
            }
            exchange.setStatusCode(status);
            copy(headers);
            exchange.getResponseSender().send(text, StandardCharsets.UTF_8);
        });
    }

    @Override
    public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> responseBody) {
        if (!answered.compareAndSet(false, true)) {
            if (responseBody != null) {
                responseBody.subscribe(new Discard());
            }
            return;
        }
        onIoThread(() -> {
            if (exchange.isComplete() || exchange.isResponseStarted()) {
                if (responseBody != null) {
                    responseBody.subscribe(new Discard());
                }
                return;
            }
            exchange.setStatusCode(status);
            copy(headers);
            if (responseBody == null) {
                exchange.endExchange();
            } else {
                responseBody.subscribe(new ResponseBodyWriter(exchange, stalls, responseBody));
            }
        });
    }

    @Override
    public void offload(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                respond(500, new ListHeaders(), "Internal Server Error");
            }
        };
        try {
            exchange.getConnection().getWorker().execute(guarded);
        } catch (RejectedExecutionException e) {
            respond(503, new ListHeaders(), "Service Unavailable");
        }
    }

    @Override
    public void onClientGone(Runnable action) {
        onIoThread(() -> {
            onClientGone = action;
            watchClient();
        });
    }

    /** Watches for the client leaving once its whole request has been read (now, or when its body ends). */
    private void watchClient() {
        if (onClientGone != null) {
            ClientWatch.start(exchange, onClientGone);
        }
    }

    /**
     * Takes a body nobody will read (the client is gone, or was answered already) and cancels it, so its backend
     * connection and any buffers it holds are freed.
     */
    private static final class Discard implements Flow.Subscriber<ByteBuffer> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(ByteBuffer item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    private void copy(HttpHeaders headers) {
        headers.forEach((n, v) -> exchange.getResponseHeaders().add(HttpString.tryFromString(n), v));
    }

    private void onIoThread(Runnable task) {
        if (exchange.getIoThread() == Thread.currentThread()) {
            task.run();
        } else {
            exchange.getIoThread().execute(task);
        }
    }
}

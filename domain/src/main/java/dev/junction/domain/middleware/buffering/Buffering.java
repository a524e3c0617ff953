package dev.junction.domain.middleware.buffering;

import dev.junction.domain.http.BodyDrain;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.ObservedBody;
import dev.junction.domain.http.RequestSnapshot;
import dev.junction.domain.http.TrailedBody;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.BodyBufferPort;
import dev.junction.domain.port.ForwardFailure;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * {@code buffering}, as Traefik's (oxy's) buffer: the whole request body is read before the backend is called, so
 * it gets a known length, and the whole response body before the client gets any of it. Bodies are kept in memory
 * up to {@code mem*BodyBytes} and in a temporary file beyond. A request body over {@code maxRequestBodyBytes} is
 * answered 413 (at once when its declared length says so); a response over {@code maxResponseBodyBytes} becomes a
 * 500. A limit of 0 means none. With a {@code retryExpression}, an answer for which the expression holds is thrown
 * away and the request sent again at once (everything after this middleware runs again, so the load balancer
 * picks the next server), from its buffered body, at most {@value #MAX_RETRIES} times, as oxy does.
 */
public final class Buffering implements Middleware {
    /** Oxy's cap on the retries of one request, whatever the expression says. */
    public static final int MAX_RETRIES = 10;

    /** The four byte limits of a definition. */
    public record Limits(long maxRequestBodyBytes, long memRequestBodyBytes, long maxResponseBodyBytes,
                         long memResponseBodyBytes) {
    }

    private final Limits limits;
    private final Predicate<RetryCondition.Outcome> retry;
    private final BodyBufferPort buffers;

    /**
     * @param retryExpression oxy's expression deciding whether to send the request again; empty for never
     * @throws IllegalArgumentException when the expression does not parse
     */
    public Buffering(Limits limits, String retryExpression, BodyBufferPort buffers) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.retry = retryExpression.isBlank() ? null : RetryCondition.parse(retryExpression);
        this.buffers = Objects.requireNonNull(buffers, "buffers");
    }

    /** Checks a retry expression without building a middleware; throws with the reason when it does not parse. */
    public static void checkRetryExpression(String expression) {
        RetryCondition.parse(expression);
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        long declared = exchange.requestContentLength();
        long max = limits.maxRequestBodyBytes();
        if (max > 0 && declared > max) {
            plain(exchange, 413);
            return;
        }
        if (declared == 0) {
            new Attempt(exchange, next, null, 1).start();
            return;
        }
        BodyBufferPort.Buffer buffer = buffers.create(limits.memRequestBodyBytes());
        BodyCollector.collect(exchange.requestBody(), buffer, max > 0 ? max : -1, exchange::offload,
                () -> new Attempt(exchange, next, new Lease(buffer), 1).start(),
                why -> plain(exchange, why.status()));
    }

    private static void plain(Exchange exchange, int status) {
        PlainAnswer.send(exchange, status);
    }

    /**
     * The buffered request body, read by one attempt after another, released once the final answer is in and no
     * attempt is still sending it: a backend may answer before it has read the whole body, and a body released
     * under a sending forwarder would break the answer it already gave.
     */
    private static final class Lease {
        private final BodyBufferPort.Buffer buffer;
        private int reading;
        private boolean answered;
        private boolean released;

        Lease(BodyBufferPort.Buffer buffer) {
            this.buffer = buffer;
        }

        long size() {
            return buffer.size();
        }

        Flow.Publisher<ByteBuffer> read() {
            Flow.Publisher<ByteBuffer> contents = buffer.contents();
            return subscriber -> {
                synchronized (this) {
                    reading++;
                }
                AtomicBoolean ended = new AtomicBoolean();
                ObservedBody.onEnd(contents, () -> {
                    if (ended.compareAndSet(false, true)) {
                        done(false);
                    }
                }).subscribe(subscriber);
            };
        }

        void answered() {
            done(true);
        }

        private void done(boolean answer) {
            synchronized (this) {
                if (answer) {
                    answered = true;
                } else {
                    reading--;
                }
                if (released || !answered || reading > 0) {
                    return;
                }
                released = true;
            }
            buffer.release();
        }
    }

    /**
     * One sending of the request as later steps see it (its body replayed from the buffer), its answer buffered
     * too, or thrown away for another attempt when the retry expression asks for one.
     */
    private final class Attempt extends ForwardingExchange {
        private final HttpHandler next;
        private final Lease request;
        private final int number;
        private final RequestSnapshot snapshot;

        Attempt(Exchange delegate, HttpHandler next, Lease request, int number) {
            this(delegate, next, request, number, retry == null ? null : RequestSnapshot.of(delegate));
        }

        private Attempt(Exchange delegate, HttpHandler next, Lease request, int number, RequestSnapshot snapshot) {
            super(delegate);
            this.next = next;
            this.request = request;
            this.number = number;
            this.snapshot = snapshot;
        }

        void start() {
            next.handle(this);
        }

        private boolean retries(int status) {
            return retry != null && number <= MAX_RETRIES
                    && retry.test(new RetryCondition.Outcome(number, status, method()));
        }

        private void again() {
            snapshot.restore(delegate());
            new Attempt(delegate(), next, request, number + 1, snapshot).start();
        }

        @Override
        public long requestContentLength() {
            return request == null ? super.requestContentLength() : request.size();
        }

        @Override
        public Flow.Publisher<ByteBuffer> requestBody() {
            return request == null ? super.requestBody() : request.read();
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            if (retries(status)) {
                again();
                return;
            }
            answered();
            super.respond(status, headers, body);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            if (failure != ForwardFailure.CLIENT_CLOSED && retries(failure.status())) {
                again();
                return;
            }
            answered();
            super.failed(failure, headers, body);
        }

        private void answered() {
            if (request != null) {
                request.answered();
            }
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (retries(status)) {
                BodyDrain.drain(body);
                again();
                return;
            }
            if (body == null) {
                answered();
                super.stream(status, headers, null);
                return;
            }
            BodyBufferPort.Buffer response = buffers.create(limits.memResponseBodyBytes());
            long maxResponse = limits.maxResponseBodyBytes();
            BodyCollector.collect(body, response, maxResponse > 0 ? maxResponse : -1, this::offload, () -> {
                answered();
                ListHeaders sized = new ListHeaders();
                headers.forEach(sized::add);
                sized.remove("Transfer-Encoding");
                sized.set("Content-Length", Long.toString(response.size()));
                HttpHeaders trailers = TrailedBody.of(body);
                super.stream(status, sized, TrailedBody.carrying(
                        ObservedBody.onEnd(response.contents(), response::release), () -> trailers));
            }, why -> {
                answered();
                plain(delegate(), why == BodyCollector.Stop.BROKEN_OFF ? 502 : 500);
            });
        }
    }

    @Override
    public String toString() {
        return "buffering " + limits + (retry == null ? "" : " with retries");
    }
}

package dev.junction.domain.middleware.retry;

import dev.junction.domain.http.BodyDrain;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.RequestSnapshot;
import dev.junction.domain.http.ObservedBody;
import dev.junction.domain.http.StatusRange;
import dev.junction.domain.http.StatusText;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.middleware.buffering.BodyCollector;
import dev.junction.domain.port.BodyBufferPort;
import dev.junction.domain.port.ForwardFailure;
import dev.junction.domain.port.TimerPort;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * {@code retry}: sends a request again, up to {@code attempts} times in all, when its backend could not be reached
 * (nothing was sent, so any method is safe), and, when {@code status} lists it, when the backend answered with one
 * of those statuses (never for POST, PATCH or LOCK unless {@code retryNonIdempotentMethod}). Each attempt runs
 * everything after this middleware again, so the load balancer picks the next server. A response that started
 * going to the client is never retried. Waits between attempts grow from {@code initialInterval} so that the last
 * is about twice the first (Traefik's progression, without its random jitter), and no attempt starts after
 * {@code timeout}. A request body up to {@code maxRequestBodyBytes} (2 MiB) is read whole first and replayed to
 * each attempt; a longer declared body is sent once, without retries, and a chunked body that grows past the
 * limit gets 413.
 */
public final class Retry implements Middleware {
    private static final Set<String> NON_IDEMPOTENT = Set.of("POST", "PATCH", "LOCK");

    /** The options of a definition. */
    public record Settings(int attempts, Duration initialInterval, Duration timeout, List<StatusRange> status,
                           boolean disableRetryOnNetworkError, boolean retryNonIdempotentMethod,
                           long maxRequestBodyBytes) {
        public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024;

        public Settings {
            if (attempts <= 0) {
                throw new IllegalArgumentException("attempts must be positive, was " + attempts);
            }
            Objects.requireNonNull(initialInterval, "initialInterval");
            Objects.requireNonNull(timeout, "timeout");
            status = List.copyOf(status);
        }
    }

    private final Settings settings;
    private final TimerPort timer;
    private final BodyBufferPort buffers;
    private final double multiplier;

    public Retry(Settings settings, TimerPort timer, BodyBufferPort buffers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
        this.multiplier = settings.attempts() < 2 ? 1 : Math.pow(2, 1.0 / (settings.attempts() - 1));
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        long length = exchange.requestContentLength();
        if (settings.attempts() < 2 || length > settings.maxRequestBodyBytes()) {
            next.handle(exchange);
            return;
        }
        long started = timer.nanoTime();
        if (length == 0) {
            new Attempt(exchange, next, 1, started, new Snapshot(exchange, null)).start();
            return;
        }
        BodyBufferPort.Buffer body = buffers.create(settings.maxRequestBodyBytes());
        long max = settings.maxRequestBodyBytes();
        BodyCollector.collect(exchange.requestBody(), body, max > 0 ? max : -1, exchange::offload,
                () -> new Attempt(exchange, next, 1, started, new Snapshot(exchange, body)).start(),
                why -> {
                    ListHeaders headers = PlainAnswer.headers();
                    int status = why.status();
                    exchange.respond(status, headers, StatusText.of(status));
                });
    }

    /** The request as it reached this middleware, each new attempt starting from it, and its buffered body. */
    private static final class Snapshot {
        private final RequestSnapshot request;
        private final BodyBufferPort.Buffer body;

        Snapshot(Exchange exchange, BodyBufferPort.Buffer body) {
            this.request = RequestSnapshot.of(exchange);
            this.body = body;
        }

        void release() {
            if (body != null) {
                body.release();
            }
        }

        void restore(Exchange exchange) {
            request.restore(exchange);
        }
    }

    private boolean retriesStatus(Exchange exchange, int status) {
        if (!settings.retryNonIdempotentMethod() && NON_IDEMPOTENT.contains(exchange.method())) {
            return false;
        }
        for (StatusRange range : settings.status()) {
            if (range.contains(status)) {
                return true;
            }
        }
        return false;
    }

    /** One try: answers pass through unless they call for another try, which then replaces this one. */
    private final class Attempt extends ForwardingExchange {
        private final HttpHandler next;
        private final int number;
        private final long started;
        private final Snapshot request;

        Attempt(Exchange client, HttpHandler next, int number, long started, Snapshot request) {
            super(client);
            this.next = next;
            this.number = number;
            this.started = started;
            this.request = request;
        }

        void start() {
            next.handle(this);
        }

        @Override
        public long requestContentLength() {
            return request.body == null ? super.requestContentLength() : request.body.size();
        }

        @Override
        public Flow.Publisher<ByteBuffer> requestBody() {
            return request.body == null ? super.requestBody() : request.body.contents();
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            request.release();
            super.respond(status, headers, body);
        }

        private boolean mayTryAgain() {
            if (number >= settings.attempts()) {
                return false;
            }
            Duration timeout = settings.timeout();
            return timeout.isZero() || timer.nanoTime() - started < timeout.toNanos();
        }

        private void tryAgain() {
            request.restore(delegate());
            Attempt following = new Attempt(delegate(), next, number + 1, started, request);
            Duration initial = settings.initialInterval();
            if (initial.isZero() || initial.isNegative()) {
                following.start();
                return;
            }
            long wait = (long) (initial.toNanos() * Math.pow(multiplier, number - 1));
            timer.schedule(Duration.ofNanos(wait), following::start);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            if (!settings.disableRetryOnNetworkError() && !failure.mayHaveReachedBackend() && mayTryAgain()) {
                tryAgain();
                return;
            }
            request.release();
            super.failed(failure, headers, body);
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (retriesStatus(delegate(), status) && mayTryAgain()) {
                BodyDrain.drain(body);
                tryAgain();
                return;
            }
            super.stream(status, headers, body == null ? null : ObservedBody.onEnd(body, request::release));
            if (body == null) {
                request.release();
            }
        }
    }

    @Override
    public String toString() {
        return "retry " + settings.attempts();
    }
}

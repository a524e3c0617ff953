package dev.junction.domain.middleware.inflight;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.ObservedBody;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.middleware.ratelimit.RequestSource;
import dev.junction.domain.port.ForwardFailure;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code inFlightReq}: at most {@code amount} requests per source (by default the request's host) are served at
 * once; one more is refused with 429. A request counts until its answer is over: a short answer once given, a
 * streamed one when its body ends, fails or is abandoned. Sources with nothing in flight are forgotten, so the
 * table holds only what is being served.
 */
public final class InFlightReq implements Middleware {
    private final int amount;
    private final RequestSource source;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public InFlightReq(int amount, RequestSource source) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        this.amount = amount;
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String key = source.of(exchange);
        boolean[] admitted = new boolean[1];
        inFlight.compute(key, (k, c) -> {
            AtomicInteger counter = c == null ? new AtomicInteger() : c;
            admitted[0] = counter.get() < amount;
            if (admitted[0]) {
                counter.incrementAndGet();
            }
            return counter.get() == 0 ? null : counter;
        });
        if (!admitted[0]) {
            PlainAnswer.send(exchange, 429);
            return;
        }
        next.handle(new Counted(exchange, () -> release(key)));
    }

    private void release(String key) {
        inFlight.computeIfPresent(key, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
    }

    /** How many requests of {@code key} are in flight now. */
    int inFlight(String key) {
        AtomicInteger c = inFlight.get(key);
        return c == null ? 0 : c.get();
    }

    /** The exchange as later steps see it: its answer's end releases the request's place, once. */
    private static final class Counted extends ForwardingExchange {
        private final AtomicBoolean released = new AtomicBoolean();
        private final Runnable release;

        Counted(Exchange delegate, Runnable release) {
            super(delegate);
            this.release = release;
        }

        private void done() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            try {
                super.respond(status, headers, body);
            } finally {
                done();
            }
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            try {
                super.failed(failure, headers, body);
            } finally {
                done();
            }
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (body == null) {
                try {
                    super.stream(status, headers, null);
                } finally {
                    done();
                }
                return;
            }
            super.stream(status, headers, ObservedBody.onEnd(body, this::done));
        }
    }

    @Override
    public String toString() {
        return "inFlightReq " + amount;
    }
}

package dev.junction.domain.middleware.ratelimit;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.StatusText;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.SharedBucketsPort;
import dev.junction.domain.port.TimerPort;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code rateLimit}: {@code average} requests per {@code period} per source, with bursts of {@code burst}, as
 * Traefik counts them. A request over the limit is first delayed, without holding a thread, by up to Traefik's
 * maximum delay (one second over twice the rate rounded down to whole requests per second, or 500 ms when the
 * rate is under one per second);
 * beyond that it is refused with 429, {@code Retry-After} (whole seconds, rounded up) and {@code X-Retry-In}.
 * An {@code average} of 0 means no limit. At most {@link #MAX_SOURCES} sources are remembered (the least
 * recently seen are forgotten first), so a flood of distinct client addresses cannot grow the heap without bound.
 */
public final class RateLimit implements Middleware {
    static final int MAX_SOURCES = 65_536;

    private final double ratePerSecond;
    private final long burst;
    private final long maxDelayNanos;
    private final RequestSource source;
    private final TimerPort timer;
    private final SharedBucketsPort shared;
    private final String sharedPrefix;
    private final Map<String, TokenBucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    public RateLimit(long average, Duration period, long burst, RequestSource source, TimerPort timer) {
        this(average, period, burst, source, timer, null, "");
    }

    /**
     * A limit whose buckets live in {@code shared} (Redis), under keys starting with {@code sharedPrefix}, so every
     * instance using the same store and prefix counts together. A store that cannot be reached answers 500, as
     * Traefik does: the limit fails closed.
     */
    public RateLimit(long average, Duration period, long burst, RequestSource source, TimerPort timer,
                     SharedBucketsPort shared, String sharedPrefix) {
        if (average < 0) {
            throw new IllegalArgumentException("average must not be negative, was " + average);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        this.ratePerSecond = average == 0 ? 0 : average * 1e9 / period.toNanos();
        this.burst = Math.max(1, burst);
        this.maxDelayNanos = ratePerSecond < 1 ? 500_000_000L : 1_000_000_000L / (2 * (long) ratePerSecond);
        this.source = Objects.requireNonNull(source, "source");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.shared = shared;
        this.sharedPrefix = Objects.requireNonNull(sharedPrefix, "sharedPrefix");
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        if (ratePerSecond == 0) {
            next.handle(exchange);
            return;
        }
        if (shared != null) {
            handleShared(exchange, next);
            return;
        }
        long now = timer.nanoTime();
        TokenBucket bucket = bucket(source.of(exchange), now);
        long delay = bucket.reserve(now);
        if (delay == 0) {
            next.handle(exchange);
        } else if (delay <= maxDelayNanos) {
            timer.schedule(Duration.ofNanos(delay), () -> release(exchange, next));
        } else {
            bucket.cancel();
            refuse(exchange, delay);
        }
    }

    private void handleShared(Exchange exchange, HttpHandler next) {
        shared.reserve(sharedPrefix + source.of(exchange), ratePerSecond, burst, maxDelayNanos)
                .whenComplete((reservation, failure) -> {
                    if (failure != null) {
                        PlainAnswer.send(exchange, 500, "could not insert/update bucket");
                    } else if (!reservation.granted()) {
                        refuse(exchange, reservation.delayNanos());
                    } else if (reservation.delayNanos() <= 0) {
                        release(exchange, next);
                    } else {
                        timer.schedule(Duration.ofNanos(reservation.delayNanos()), () -> release(exchange, next));
                    }
                });
    }

    /** Lets a request go on from a thread (the timer's, the store's) where nothing else would answer a failure. */
    private static void release(Exchange exchange, HttpHandler next) {
        try {
            next.handle(exchange);
        } catch (RuntimeException e) {
            PlainAnswer.send(exchange, 500);
        }
    }

    private TokenBucket bucket(String key, long now) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> new TokenBucket(ratePerSecond, burst, now));
        }
    }

    /** How many sources are remembered now (bounded by {@link #MAX_SOURCES}). */
    int sources() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    private static void refuse(Exchange exchange, long delayNanos) {
        ListHeaders headers = PlainAnswer.headers();
        headers.set("Retry-After", Long.toString((delayNanos + 999_999_999L) / 1_000_000_000L));
        headers.set("X-Retry-In", GoDuration.format(delayNanos));
        exchange.respond(429, headers, StatusText.of(429));
    }

    @Override
    public String toString() {
        return "rateLimit " + ratePerSecond + "/s burst " + burst;
    }
}

package dev.junction.httpclient;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Tells the operator, at most once a minute, that {@code maxIdleConnsPerHost} closed many backend connections that
 * could have been reused. Under load every such closing makes a later request open a new connection: at the
 * documented default of 2 that is thousands of connections a second, several times fewer requests served (a fifth,
 * at 50 connections on the benchmark route) and a pile of sockets in TIME_WAIT, and Traefik says nothing. A few
 * closings a second are normal when load drops, so only a steady stream is reported.
 */
final class IdleLimitWarning {
    /** Closings per window below which nothing is said: ten a second. */
    static final long THRESHOLD = 600;
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final int maxIdle;
    private final LongSupplier nanoTime;
    private final Consumer<String> log;
    private final AtomicLong closed = new AtomicLong();
    private volatile long windowStart;

    /**
     * @param maxIdle  the limit in force, as the message names it
     * @param nanoTime the clock windows are measured on
     * @param log      where the warning goes
     */
    IdleLimitWarning(int maxIdle, LongSupplier nanoTime, Consumer<String> log) {
        this.maxIdle = maxIdle;
        this.nanoTime = nanoTime;
        this.log = log;
        this.windowStart = nanoTime.getAsLong();
    }

    /** A reusable connection to {@code backend} is being closed because the idle limit was reached. */
    void closedAtLimit(Object backend) {
        closed.incrementAndGet();
        long now = nanoTime.getAsLong();
        if (now - windowStart < WINDOW_NANOS) {
            return;
        }
        synchronized (this) {
            if (now - windowStart < WINDOW_NANOS) {
                return;
            }
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(now - windowStart));
            windowStart = now;
            long count = closed.getAndSet(0);
            if (count >= THRESHOLD) {
                log.accept("serversTransport.maxIdleConnsPerHost is " + maxIdle + ": " + count
                        + " backend connections that could have been reused were closed in the last " + seconds
                        + " s (the latest to " + backend + "), and as many new ones opened. Raise it to about the"
                        + " number of requests in flight to one backend (Traefik itself runs with 200 unless told).");
            }
        }
    }
}

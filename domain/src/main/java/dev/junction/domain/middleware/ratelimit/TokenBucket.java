package dev.junction.domain.middleware.ratelimit;

/**
 * A token bucket with the semantics of Go's {@code golang.org/x/time/rate} limiter, which Traefik uses: tokens
 * refill at {@code rate} per second up to {@code burst}; a reservation always takes a token, possibly going into
 * debt, and says how long the caller must wait for it. A reservation the caller does not use is handed back.
 */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, long burst, long now) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token; returns how many nanoseconds until it is really available (0 when at once). */
    synchronized long reserve(long now) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
        }
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }

    /** Hands back a token reserved but not used (the request was refused instead of delayed). */
    synchronized void cancel() {
        tokens = Math.min(burst, tokens + 1);
    }
}

package dev.junction.domain.port;

import java.util.concurrent.CompletionStage;

/**
 * Token buckets kept outside this process (Traefik's {@code rateLimit.redis}), so several Junction instances share
 * one limit. The store takes a token atomically with the same rules as the in-memory bucket; the answer arrives
 * asynchronously, since no IO thread may wait for the store.
 */
public interface SharedBucketsPort {

    /**
     * Takes one token from the bucket {@code key} unless the wait for it would exceed {@code maxDelayNanos}.
     * Completes exceptionally when the store cannot be reached.
     */
    CompletionStage<Reservation> reserve(String key, double ratePerSecond, long burst, long maxDelayNanos);

    /** Lets go of the store's connections and threads; nothing is reserved afterwards. */
    void close();

    /**
     * @param granted    the token was taken: go on after {@code delayNanos}
     * @param delayNanos the wait for the token; when not granted, how long until one would be free
     */
    record Reservation(boolean granted, long delayNanos) {
    }
}

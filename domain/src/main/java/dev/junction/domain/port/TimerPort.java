package dev.junction.domain.port;

import java.time.Duration;

/**
 * Time as middlewares need it: a monotonic clock to measure rates with, and a way to continue an exchange later
 * without holding a thread (a rate limit delays a request instead of refusing it, and no IO thread may sleep).
 * Injected so the domain's timing rules can be tested with a clock the test moves by hand.
 */
public interface TimerPort {
    /** Nanoseconds from an arbitrary origin, never going backwards. */
    long nanoTime();

    /** Runs {@code task} once after {@code delay}, on a thread that may carry on with an exchange. */
    Scheduled schedule(Duration delay, Runnable task);

    /** A task not run yet; cancelling it also frees what it holds, so a guard that is rarely needed costs little. */
    interface Scheduled {
        void cancel();
    }
}

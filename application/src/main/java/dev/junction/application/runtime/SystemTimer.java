package dev.junction.application.runtime;

import dev.junction.domain.port.TimerPort;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The system's monotonic clock, and one daemon thread that only starts delayed work (a rate-limited request
 * released after its wait); the work itself continues asynchronously from there, so the thread is never busy long.
 */
public final class SystemTimer implements TimerPort {
    private final ScheduledThreadPoolExecutor scheduler;

    public SystemTimer() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "junction-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}

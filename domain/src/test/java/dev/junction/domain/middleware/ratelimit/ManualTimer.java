package dev.junction.domain.middleware.ratelimit;

import dev.junction.domain.port.TimerPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock the test moves by hand; scheduled work runs when the clock passes its time. */
public final class ManualTimer implements TimerPort {
    private record Task(long at, Runnable work) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now = 1_000_000_000L;
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        delays.add(delay);
        Task scheduled = new Task(now + delay.toNanos(), task);
        tasks.add(scheduled);
        return () -> tasks.remove(scheduled);
    }

    public void advance(Duration by) {
        now += by.toNanos();
        List<Task> due = tasks.stream().filter(t -> t.at() <= now).toList();
        tasks.removeAll(due);
        due.forEach(t -> t.work().run());
    }

    public List<Duration> delays() {
        return delays;
    }
}

package dev.junction.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Linux CPU scheduling policy of Junction's threads, chosen with {@code -Djunction.cpuScheduling=batch}.
 * <p>
 * A request crosses two IO threads: the client connection's (Undertow) and the backend connection's (HttpClient5).
 * Each hand-off wakes the other thread, and under the default policy a woken thread takes the CPU from the one that
 * woke it at once. Where Junction's threads share a core, with each other or with a backend, a 1 MiB body then
 * costs some twenty thread switches instead of a few, and every small request a switch or two. Under
 * {@code SCHED_BATCH} a woken thread waits for the running one to block or use up its slice, so each thread does
 * more per turn (the shared benchmark, Junction and its backend on one core, same jar back to back: CPU per small
 * request 31.8 to 29.3 us, per 1 MiB body 836 to 695 us). The cost is latency when the core is contended by other
 * programs: a batch thread is not preferred on waking, so a proxy sharing its machine with interactive work may
 * answer later. Hence a choice, not the default.
 * <p>
 * The policy is set for every thread of the process with util-linux's {@code chrt} (no privilege is needed to
 * leave the default policy for batch); threads started later inherit it. On other systems, or without
 * {@code chrt}, Junction says so and runs with the default policy. {@code normal} (or no value) leaves the policy
 * Junction was started with.
 */
final class CpuScheduling {
    static final String PROPERTY = "junction.cpuScheduling";
    private static final int SCHED_BATCH = 3;
    private static final int PASSES = 3;

    private CpuScheduling() {
    }

    /** Whether {@code value} (the property's, possibly null) is one Junction understands. */
    static boolean valid(String value) {
        return value == null || List.of("normal", "batch").contains(value.toLowerCase(Locale.ROOT));
    }

    /** What applying a policy came to: whether it took effect, and what to tell the operator. */
    record Outcome(boolean applied, String message) {
    }

    /**
     * Applies the policy {@code value} names to every thread of this process.
     *
     * @return what was done, or why it could not be; null when there was nothing to do
     */
    static Outcome apply(String value) {
        if (value == null || !value.equalsIgnoreCase("batch")) {
            return null;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return failed(PROPERTY + "=batch is for Linux only");
        }
        List<String> command = List.of("chrt", "--batch", "--all-tasks", "--pid", "0",
                Long.toString(ProcessHandle.current().pid()));
        try {
            // chrt walks the threads one by one: one started meanwhile by a thread not yet switched keeps the
            // default policy, so look again and go over them once more while any is left
            for (int pass = 0; pass < PASSES; pass++) {
                Process chrt = new ProcessBuilder(command).redirectErrorStream(true).start();
                if (!chrt.waitFor(10, TimeUnit.SECONDS)) {
                    chrt.destroyForcibly();
                    return failed("chrt did not finish within 10 s");
                }
                if (chrt.exitValue() != 0) {
                    String output;
                    try (InputStream in = chrt.getInputStream()) {
                        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                    }
                    return failed("chrt failed: " + output);
                }
                if (allBatch()) {
                    return new Outcome(true, "CPU scheduling: SCHED_BATCH for every thread (" + PROPERTY + "=batch)");
                }
            }
            return failed("threads kept starting while chrt ran");
        } catch (IOException e) {
            return failed("cannot run chrt: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while running chrt");
        }
    }

    /** Whether every thread of this process is under SCHED_BATCH. */
    private static boolean allBatch() throws IOException {
        return policies(ProcessHandle.current().pid()).values().stream().allMatch(policy -> policy == SCHED_BATCH);
    }

    /**
     * The scheduling policy of each thread of process {@code pid} (field 41 of its stat file in /proc), by thread
     * name and id; threads that end while being read are left out.
     */
    static Map<String, Integer> policies(long pid) throws IOException {
        Map<String, Integer> policies = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                policies.put(name + "#" + task.getFileName(), Integer.parseInt(fields[41 - 3]));
            }
        }
        return policies;
    }

    private static Outcome failed(String why) {
        return new Outcome(false, why + "; running with the default CPU scheduling");
    }
}

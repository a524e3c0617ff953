package dev.junction.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Djunction.cpuScheduling=batch} puts every thread of a serving Junction under SCHED_BATCH, including those
 * started after it was set (the IO threads); without it the default policy stays; a value Junction does not know
 * stops it with one line. Each case runs Junction as its own process, as a user does, and reads the policy of each
 * of its threads from /proc.
 */
class CpuSchedulingE2ETest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_BATCH = 3;

    @TempDir
    Path dir;

    private static boolean linuxWithChrt() {
        return Files.exists(Path.of("/proc/self/task")) && Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "chrt")));
    }

    private Process junction(String... jvmOptions) throws IOException {
        Files.writeString(dir.resolve("static.yml"), "entryPoints:\n  web:\n    address: \"127.0.0.1:0\"\n"
                + "providers:\n  file:\n    filename: \"" + dir.resolve("dynamic.yml") + "\"\n");
        Files.writeString(dir.resolve("dynamic.yml"), "http: {}\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--configFile=" + dir.resolve("static.yml")));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the process's output until Junction says it listens; returns everything read. */
    private static String untilListening(Process p) throws IOException {
        StringBuilder seen = new StringBuilder();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("Junction is listening")) {
                return seen.toString();
            }
        }
        throw new AssertionError("Junction ended before listening:\n" + seen);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    @Test
    void batchPutsEveryThreadUnderSchedBatch() throws Exception {
        assumeTrue(linuxWithChrt(), "needs Linux and util-linux's chrt");
        Process p = junction("-Djunction.cpuScheduling=batch");
        try {
            String log = untilListening(p);
            assertTrue(log.contains("SCHED_BATCH for every thread"), log);
            Map<String, Integer> policies = CpuScheduling.policies(p.pid());
            assertTrue(policies.keySet().stream().anyMatch(name -> name.startsWith("XNIO")), policies.toString());
            policies.forEach((thread, policy) -> assertEquals(SCHED_BATCH, policy, thread + " in " + policies));
        } finally {
            stop(p);
        }
    }

    @Test
    void withoutItTheDefaultPolicyStays() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/task")), "needs Linux");
        assumeTrue(CpuScheduling.policies(ProcessHandle.current().pid()).values().stream().allMatch(p -> p == SCHED_OTHER),
                "the tests themselves run under the default policy, which Junction would inherit");
        Process p = junction();
        try {
            untilListening(p);
            Map<String, Integer> policies = CpuScheduling.policies(p.pid());
            assertTrue(policies.values().stream().allMatch(policy -> policy == SCHED_OTHER), policies.toString());
        } finally {
            stop(p);
        }
    }

    @Test
    void anUnknownValueStopsJunctionWithOneLine() throws Exception {
        Process p = junction("-Djunction.cpuScheduling=fifo");
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue());
            assertTrue(output.contains("junction: -Djunction.cpuScheduling must be batch or normal, got \"fifo\"\n"),
                    output);
        } finally {
            stop(p);
        }
    }
}

package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.assertWithinReloadDeadline;
import static dev.junction.bootstrap.e2e.config.E2e.status;
import static dev.junction.bootstrap.e2e.config.E2e.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.bootstrap.e2e.config.E2e.Backend;
import dev.junction.bootstrap.e2e.config.E2e.ClientLoop;
import dev.junction.bootstrap.e2e.config.E2e.LogCapture;
import dev.junction.bootstrap.e2e.config.E2e.RunningJunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynamic file that stops parsing keeps the last good configuration serving and is reported once, naming the
 * file and the line; and, better than Traefik, a broken file holds back only its own changes, not another file's.
 */
class InvalidDynamicConfigE2eTest {
    /** Line 4 opens a flow sequence that never closes: SnakeYAML knows roughly where. */
    private static final String BROKEN_YAML = """
            http:
              routers:
                other:
                  rule: [unclosed
                  service: other
            """;

    @TempDir
    Path dir;

    private Backend backend;
    private Backend other;

    @BeforeEach
    void startBackends() {
        backend = new Backend("whoami-seed");
        other = new Backend("whoami-other");
    }

    @AfterEach
    void stopBackends() {
        backend.close();
        other.close();
    }

    @Test
    void yamlSyntaxErrorKeepsTheLastGoodConfigurationServingAndLogsFileAndLine() {
        Path dynamic = dir.resolve("dynamic");
        Path file = write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        try (LogCapture log = new LogCapture(); RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            assertEquals(200, status(port, "example.com", "/whoami/", "test", "test"));
            ClientLoop seed = new ClientLoop(port, "example.com", "/whoami/", "test", "test", 2000);

            write(file, E2e.seedDynamicYaml(backend.url()).replace("service: whoami", "service: [whoami"));
            E2e.await("the syntax error is logged", () -> log.errors().stream()
                    .anyMatch(line -> line.contains(file.toString() + ":")));
            E2e.sleep(E2e.RELOAD_DEADLINE);

            seed.assertNoFailedRequest(200);
            assertEquals(200, status(port, "example.com", "/whoami/", "test", "test"));
            String error = log.errors().stream().filter(line -> line.contains(file.toString())).findFirst()
                    .orElseThrow();
            assertTrue(error.matches("(?s).*" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: .*"),
                    "the error names file:line: " + error);
            assertTrue(error.contains("invalid YAML"), error);
            assertEquals(1, log.errors().stream().filter(line -> line.contains(file.toString())).count(),
                    "one clear error, not one per poll: " + log.errors());
        }
    }

    @Test
    void yamlSyntaxErrorIsReportedAtTheLineWhereTheParserFindsIt() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        Path broken = dynamic.resolve("broken.yml");
        try (LogCapture log = new LogCapture(); RunningJunction junction = start(dynamic)) {
            write(broken, BROKEN_YAML);
            E2e.await("the syntax error is logged", () -> log.errors().stream()
                    .anyMatch(line -> line.contains(broken.toString())));
            String error = log.errors().stream().filter(line -> line.contains(broken.toString())).findFirst()
                    .orElseThrow();
            int line = Integer.parseInt(error.replaceAll("(?s).*" + java.util.regex.Pattern.quote(broken.toString())
                    + ":(\\d+):.*", "$1"));
            assertTrue(line >= 4 && line <= 6, "the line of the unclosed sequence (4..6), got " + error);
            assertEquals(200, status(junction.port(), "example.com", "/whoami/", "test", "test"));
        }
    }

    @Test
    void brokenFileDoesNotHoldBackAChangeInAnotherFile() {
        Path dynamic = dir.resolve("dynamic");
        Path seedFile = write(dynamic.resolve("a-whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        Path otherFile = write(dynamic.resolve("b-other.yml"),
                E2e.simpleRouteYaml("other", "other.example.com", other.url()));
        try (LogCapture log = new LogCapture(); RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            assertEquals(200, status(port, "other.example.com", "/", null, null));

            write(seedFile, BROKEN_YAML);
            E2e.await("the broken file is reported", () -> log.errors().stream()
                    .anyMatch(line -> line.contains(seedFile.toString())));

            long changedAt = System.nanoTime();
            write(otherFile, E2e.simpleRouteYaml("other", "renamed.example.com", other.url()));
            assertWithinReloadDeadline("the other file's change serves although a sibling is broken", changedAt,
                    () -> status(port, "renamed.example.com", "/", null, null) == 200);
            assertEquals(404, status(port, "other.example.com", "/", null, null));
            // and the broken file's last good content still serves
            assertEquals(200, status(port, "example.com", "/whoami/", "test", "test"));
        }
    }

    @Test
    void fixingABrokenFileServesItsNewContentWithinOneSecond() {
        Path dynamic = dir.resolve("dynamic");
        Path file = write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        try (LogCapture log = new LogCapture(); RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            write(file, BROKEN_YAML);
            E2e.await("the broken file is reported", () -> log.errors().stream()
                    .anyMatch(line -> line.contains(file.toString())));

            long changedAt = System.nanoTime();
            write(file, E2e.seedDynamicYaml(backend.url(), E2e.SHA_USER2_SECRET2));
            assertWithinReloadDeadline("the repaired file serves", changedAt,
                    () -> status(port, "example.com", "/whoami/", "user2", "secret2") == 200);
        }
    }

    private RunningJunction start(Path dynamicDirectory) {
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamicDirectory));
        return RunningJunction.start(List.of("--configFile=" + staticFile), Map.of());
    }
}

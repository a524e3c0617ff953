package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.status;
import static dev.junction.bootstrap.e2e.config.E2e.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.bootstrap.e2e.config.E2e.Backend;
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
 * Semantic errors are per object, as in Traefik's runtime status: a router whose service or middleware does not
 * exist, or whose rule does not parse, is disabled with a message and answers 404; every other router keeps
 * serving, even when the broken router would have had a higher priority.
 */
class SemanticErrorsE2eTest {
    @TempDir
    Path dir;

    private Backend backend;

    @BeforeEach
    void startBackend() {
        backend = new Backend("whoami-seed");
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void routerWithMissingServiceIs404AndDisabledWhileOthersServe() {
        assertBrokenRouterIsolated("""
                    broken:
                      rule: "Host(`broken.example.com`) || PathPrefix(`/`)"
                      priority: 1000
                      service: nosuchservice
                """, "the service \"nosuchservice@file\" does not exist");
    }

    @Test
    void routerWithMissingMiddlewareIs404AndDisabledWhileOthersServe() {
        assertBrokenRouterIsolated("""
                    broken:
                      rule: "Host(`broken.example.com`) || PathPrefix(`/`)"
                      priority: 1000
                      middlewares:
                      - nosuchmiddleware
                      service: whoami
                """, "middleware \"nosuchmiddleware@file\" does not exist");
    }

    @Test
    void routerWhoseRuleDoesNotParseIs404AndDisabledWhileOthersServe() {
        assertBrokenRouterIsolated("""
                    broken:
                      rule: "Host(`broken.example.com`) || PathPrefix(`/`"
                      priority: 1000
                      service: whoami
                """, "router broken@file: disabled");
    }

    @Test
    void routerReferencingAServiceWithTheFileProviderSuffixServes() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url())
                .replace("service: whoami\n", "service: whoami@file\n")
                .replace("- test-user\n", "- test-user@file\n"));
        try (RunningJunction junction = start(dynamic)) {
            assertEquals(200, status(junction.port(), "example.com", "/whoami/", "test", "test"));
        }
    }

    private void assertBrokenRouterIsolated(String brokenRouterYaml, String expectedError) {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url())
                .replace("  routers:\n", "  routers:\n" + brokenRouterYaml));
        try (LogCapture log = new LogCapture(); RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            assertEquals(404, status(port, "broken.example.com", "/", "test", "test"));
            assertEquals(404, status(port, "elsewhere.example.com", "/anything", "test", "test"));
            assertEquals(200, status(port, "example.com", "/whoami/", "test", "test"));
            List<String> errors = log.errors();
            assertEquals(1, errors.stream().filter(line -> line.contains("router broken@file: disabled")
                    && line.contains(expectedError)).count(), "one error naming the router and why: " + errors);
            assertEquals(0, errors.stream().filter(line -> line.contains("to-whoami")).count(), errors.toString());
        }
    }

    private RunningJunction start(Path dynamicDirectory) {
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamicDirectory));
        return RunningJunction.start(List.of("--configFile=" + staticFile), Map.of());
    }
}

package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.bootstrap.e2e.config.E2e.CliResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code junction explain}, {@code junction --help} and {@code junction version}, run as the jar runs them. */
class ExplainHelpVersionE2eTest {
    @TempDir
    Path dir;

    @Test
    void explainNamesTheRouterThatTakesTheRequestAndWhyHigherRoutersDidNot() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml("http://127.0.0.1:9").replace("  routers:\n", """
                  routers:
                    api-first:
                      rule: "Host(`example.com`) && PathPrefix(`/api/`)"
                      priority: 100
                      service: whoami
                    other-host:
                      rule: "Host(`other.example.com`)"
                      priority: 50
                      service: whoami
                    catch-all:
                      rule: "PathPrefix(`/`)"
                      priority: 1
                      service: whoami
                """));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        CliResult result = E2e.main("explain", "--configFile=" + staticFile, "--host", "example.com",
                "--path", "/whoami/");

        assertEquals(0, result.status(), result.toString());
        List<String> lines = result.out().lines().toList();
        int apiFirst = indexOfLineContaining(lines, "router api-first@file (priority 100) does not match");
        int otherHost = indexOfLineContaining(lines, "router other-host@file (priority 50) does not match");
        int winner = indexOfLineContaining(lines, "router to-whoami@file");
        assertTrue(apiFirst >= 0 && otherHost > apiFirst && winner > otherHost, result.toString());
        assertTrue(lines.get(apiFirst).contains("/api/"), "says which matcher failed: " + lines.get(apiFirst));
        assertTrue(lines.get(otherHost).contains("other.example.com"), lines.get(otherHost));
        assertEquals("=> router to-whoami@file takes the request", lines.get(lines.size() - 1), result.toString());
        assertEquals(-1, indexOfLineContaining(lines, "catch-all@file (priority 1) does not match"),
                "routers below the winner are not tried: " + result);
    }

    @Test
    void explainSaysNoRouterMatchesWith404() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml("http://127.0.0.1:9"));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        CliResult result = E2e.main("explain", "--configFile=" + staticFile, "--host", "nobody.example.com",
                "--path", "/whoami/");

        assertEquals(0, result.status(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).contains("no router matches: 404"), result.toString());
        assertTrue(indexOfLineContaining(lines, "router to-whoami@file") >= 0, result.toString());
    }

    @Test
    void explainListsADisabledRouterWithItsReason() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml("http://127.0.0.1:9").replace("  routers:\n", """
                  routers:
                    broken:
                      rule: "PathPrefix(`/`)"
                      service: nosuchservice
                """));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        CliResult result = E2e.main("explain", "--configFile=" + staticFile, "--host", "example.com",
                "--path", "/whoami/");

        assertEquals(0, result.status(), result.toString());
        assertTrue(result.out().contains("router broken@file is disabled: the service \"nosuchservice@file\" does not exist"),
                result.toString());
        assertTrue(result.out().contains("=> router to-whoami@file takes the request"), result.toString());
    }

    @Test
    void helpListsTheSubcommandsAndSaysFlagsOverrideEnvironmentOverrideFile() {
        CliResult result = E2e.main("--help");

        assertEquals(0, result.status(), result.toString());
        String help = result.out();
        for (String command : List.of("check", "explain", "version", "demo")) {
            assertTrue(help.matches("(?s).*\\b" + command + "\\b.*"), "--help lists " + command + ":\n" + help);
        }
        String flat = help.replaceAll("\\s+", " ");
        assertTrue(flat.contains("flags override environment, environment overrides file"), help);
        assertTrue(flat.contains("--configFile"), help);
    }

    @Test
    void versionPrintsAVersion() {
        CliResult result = E2e.main("version");

        assertEquals(0, result.status(), result.toString());
        assertTrue(result.out().matches("(?s)Junction \\S+ .*"), result.toString());
        assertTrue(!result.out().startsWith("Junction  "), result.toString());
    }

    @Test
    void explainWithoutHostIsAUsageError() {
        CliResult result = E2e.main("explain", "--configFile=" + dir.resolve("missing.yml"));

        assertNotEquals(0, result.status(), "explain without --host is a usage error: " + result);
    }

    private static int indexOfLineContaining(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}

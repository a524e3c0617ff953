package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.bootstrap.e2e.config.E2e.CliResult;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junction check --configFile=static.yml}, run as the jar runs it: validates static and dynamic
 * configuration without serving, lists every problem as {@code file:line: key: message}, exits non-zero if any.
 */
class CheckCommandE2eTest {
    @TempDir
    Path dir;

    @Test
    void checkOfAGoodConfigurationExitsZeroWithConfigurationOk() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml("http://127.0.0.1:9"));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        CliResult result = E2e.main("check", "--configFile=" + staticFile);

        assertEquals(0, result.status(), result.toString());
        assertTrue(result.out().contains("configuration OK"), result.toString());
    }

    @Test
    void checkDoesNotListenOnTheEntrypoint() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml("http://127.0.0.1:9"));
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic)
                .replace("127.0.0.1:0", "127.0.0.1:" + port));

        CliResult result = E2e.main("check", "--configFile=" + staticFile);

        assertEquals(0, result.status(), result.toString());
        // had check bound the port it would still be held by a serve waiting to be stopped; it is free
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void checkListsADynamicYamlSyntaxErrorAMissingServiceAndABadRuleWithFileLineAndKey() {
        Path dynamic = dir.resolve("dynamic");
        Path broken = write(dynamic.resolve("a-broken.yml"), """
                http:
                  routers:
                    other:
                      rule: [unclosed
                      service: other
                """);
        Path routers = write(dynamic.resolve("b-routers.yml"), """
                http:
                  routers:
                    no-service:
                      rule: "Host(`a.example.com`)"
                      service: nosuchservice
                    bad-rule:
                      rule: "Host(`b.example.com`) &&"
                      service: whoami
                  services:
                    whoami:
                      loadBalancer:
                        servers:
                        - url: http://127.0.0.1:9
                """);
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        CliResult result = E2e.main("check", "--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertTrue(!result.out().contains("configuration OK"), result.toString());
        assertProblem(result, broken, ":\\d+: .*invalid YAML.*");
        assertProblem(result, routers, ":3: http\\.routers\\.no-service: .*the service \"nosuchservice@file\" does not exist.*");
        assertProblem(result, routers, ":6: http\\.routers\\.bad-rule: error while parsing rule .*");
        assertTrue(result.err().contains("3 problems found"), result.toString());
    }

    @Test
    void checkListsAForwardAuthKeyThatCannotBeLoaded() {
        Path dynamic = dir.resolve("dynamic");
        Path auth = write(dynamic.resolve("auth.yml"), """
                http:
                  routers:
                    r:
                      rule: "PathPrefix(`/`)"
                      service: s
                      middlewares: [auth]
                  middlewares:
                    auth:
                      forwardAuth:
                        address: "https://127.0.0.1:9/verify"
                        tls:
                          cert: "%s"
                          key: "%s"
                  services:
                    s:
                      loadBalancer:
                        servers:
                        - url: "http://127.0.0.1:9"
                """.formatted(dir.resolve("missing.crt"), dir.resolve("missing.key")));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        CliResult result = E2e.main("check", "--configFile=" + staticFile);

        assertEquals(1, result.status(), result.toString());
        assertTrue(result.toString().contains(auth + ":8: http.middlewares.auth.forwardAuth: cert "
                + dir.resolve("missing.crt") + " cannot be read: no such file"), result.toString());
    }

    @Test
    void checkListsAnUnknownStaticKeyWithFileLineAndKey() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml("http://127.0.0.1:9"));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic) + "unknownSection:\n  foo: 1\n");

        CliResult result = E2e.main("check", "--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertProblem(result, staticFile, ":7: unknownSection: .*");
    }

    @Test
    void checkListsAStaticUnknownKeyADynamicSyntaxErrorAMissingServiceAndABadRuleInOneRun() {
        Path dynamic = dir.resolve("dynamic");
        Path broken = write(dynamic.resolve("a-broken.yml"), """
                http:
                  routers:
                    other:
                      rule: [unclosed
                      service: other
                """);
        Path routers = write(dynamic.resolve("b-routers.yml"), """
                http:
                  routers:
                    no-service:
                      rule: "Host(`a.example.com`)"
                      service: nosuchservice
                    bad-rule:
                      rule: "Host(`b.example.com`) &&"
                      service: whoami
                  services:
                    whoami:
                      loadBalancer:
                        servers:
                        - url: http://127.0.0.1:9
                """);
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic) + "unknownSection:\n  foo: 1\n");

        CliResult result = E2e.main("check", "--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertProblem(result, staticFile, ":7: unknownSection: unknown key");
        assertProblem(result, broken, ":\\d+: .*invalid YAML.*");
        assertProblem(result, routers, ":3: http\\.routers\\.no-service: .*does not exist.*");
        assertProblem(result, routers, ":6: http\\.routers\\.bad-rule: error while parsing rule .*");
        assertTrue(result.err().contains("4 problems found"), result.toString());
    }

    @Test
    void checkOfAStaticFileWithAYamlSyntaxErrorNamesFileAndLine() {
        Path staticFile = write(dir.resolve("static.yml"), """
                entryPoints:
                  web:
                    address: [":8081"
                providers: {}
                """);

        CliResult result = E2e.main("check", "--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertProblem(result, staticFile, ":\\d+: .*invalid YAML.*");
    }

    @Test
    void checkOfAMissingStaticFileExitsNonZeroNamingIt() {
        Path missing = dir.resolve("missing.yml");

        CliResult result = E2e.main("check", "--configFile=" + missing);

        assertNotEquals(0, result.status(), result.toString());
        assertProblem(result, missing, ": configFile: the configuration file does not exist");
    }

    /** Asserts a line of the error output is exactly {@code file} followed by {@code rest} (a regex). */
    private static void assertProblem(CliResult result, Path file, String rest) {
        String regex = Pattern.quote(file.toString()) + rest;
        Pattern pattern = Pattern.compile(regex);
        boolean found = result.err().lines().anyMatch(line -> pattern.matcher(line).matches());
        assertTrue(found, "no line matching " + regex + " in:\n" + result);
    }
}

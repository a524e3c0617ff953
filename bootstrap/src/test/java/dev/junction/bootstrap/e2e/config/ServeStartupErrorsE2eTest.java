package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.bootstrap.e2e.config.E2e.CliResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junction --configFile=...} (serve) with a static configuration it cannot use exits non-zero at once with
 * one clear line naming the file and the key, instead of serving something else or hanging.
 */
class ServeStartupErrorsE2eTest {
    @TempDir
    Path dir;

    @Test
    void unknownStaticKeyExitsNonZeroWithOneLineNamingFileLineAndKey() {
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamicDir()) + "entryPointz:\n  x: 1\n");

        CliResult result = E2e.main("--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertOneProblemLine(result, "junction: " + staticFile + ":7: entryPointz: ");
    }

    @Test
    void unknownKeyInsideAnEntrypointExitsNonZeroNamingTheFullKey() {
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamicDir())
                .replace("    address: \"127.0.0.1:0\"\n", "    address: \"127.0.0.1:0\"\n    adress: \":1\"\n"));

        CliResult result = E2e.main("--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertOneProblemLine(result, "junction: " + staticFile + ":4: entryPoints.web.adress: ");
    }

    @Test
    void wrongTypeOfStaticValueExitsNonZeroWithOneLineNamingFileAndKey() {
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamicDir())
                + "serversTransport:\n  maxIdleConnsPerHost: lots\n");

        CliResult result = E2e.main("--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertOneProblemLine(result, "junction: " + staticFile + ":8: serversTransport.maxIdleConnsPerHost: ");
    }

    @Test
    void wrongTypeFromAFlagExitsNonZeroNamingTheFlag() {
        CliResult result = E2e.main("--entryPoints.web.address=127.0.0.1:0",
                "--providers.file.directory=" + dynamicDir(), "--providers.file.watch=maybe");

        assertNotEquals(0, result.status(), result.toString());
        assertOneProblemLine(result, "junction: flag --providers.file.watch: providers.file.watch: ");
    }

    @Test
    void missingStaticFileExitsNonZeroWithOneLineNamingTheFile() {
        Path missing = dir.resolve("nope.yml");

        CliResult result = E2e.main("--configFile=" + missing);

        assertNotEquals(0, result.status(), result.toString());
        assertOneProblemLine(result, "junction: " + missing + ": configFile: ");
        assertTrue(result.err().contains("does not exist"), result.toString());
    }

    @Test
    void missingDynamicDirectoryExitsNonZeroWithOneLineNamingIt() {
        Path missing = dir.resolve("no-such-dir");
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(missing));

        CliResult result = E2e.main("--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertOneProblemLine(result, "junction: " + missing + ": providers.file.directory: ");
    }

    @Test
    void portInUseExitsNonZeroWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamicDir())
                    .replace("127.0.0.1:0", "127.0.0.1:" + taken.getLocalPort()));

            CliResult result = E2e.main("--configFile=" + staticFile);

            assertNotEquals(0, result.status(), result.toString());
            List<String> lines = problemLines(result);
            assertEquals(1, lines.size(), result.toString());
            assertTrue(lines.get(0).contains(String.valueOf(taken.getLocalPort())), result.toString());
            assertTrue(lines.get(0).toLowerCase().contains("in use"), result.toString());
        }
    }

    @Test
    void noEntrypointExitsNonZeroWithOneClearLine() {
        Path staticFile = write(dir.resolve("static.yml"), """
                providers:
                  file:
                    directory: "%s"
                """.formatted(dynamicDir()));

        CliResult result = E2e.main("--configFile=" + staticFile);

        assertNotEquals(0, result.status(), result.toString());
        assertOneProblemLine(result, "junction: " + staticFile + ":1: entryPoints: no entrypoint is configured");
    }

    private Path dynamicDir() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.simpleRouteYaml("whoami", "example.com", "http://127.0.0.1:9"));
        return dynamic;
    }

    /** The lines the command line printed for the user (log lines from the logging framework excluded). */
    private static List<String> problemLines(CliResult result) {
        return result.err().lines().filter(line -> line.startsWith("junction: ")).toList();
    }

    private static void assertOneProblemLine(CliResult result, String prefix) {
        List<String> lines = problemLines(result);
        assertEquals(1, lines.size(), "exactly one line for the user:\n" + result);
        assertTrue(lines.get(0).startsWith(prefix), "expected a line starting with \"" + prefix + "\":\n" + result);
    }
}

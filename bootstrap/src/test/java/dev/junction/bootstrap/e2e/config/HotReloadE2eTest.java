package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.assertWithinReloadDeadline;
import static dev.junction.bootstrap.e2e.config.E2e.status;
import static dev.junction.bootstrap.e2e.config.E2e.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.bootstrap.e2e.config.E2e.Backend;
import dev.junction.bootstrap.e2e.config.E2e.ClientLoop;
import dev.junction.bootstrap.e2e.config.E2e.RunningJunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits of the dynamic files reach the running server within a second, with no restart, however the edit is made
 * (in place, editor-style rename, Kubernetes ConfigMap symlink swap), and a client hammering the server during the
 * reload never sees a failed request: only the old answer, then the new one.
 */
class HotReloadE2eTest {
    private static final int LOOP_REQUESTS = 2000;

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
    void routerAddedInANewFileServesWithinOneSecondWithoutFailingRequestsInFlight() {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        try (RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            assertEquals(404, status(port, "other.example.com", "/", null, null));
            ClientLoop seed = new ClientLoop(port, "example.com", "/whoami/", "test", "test", LOOP_REQUESTS);
            ClientLoop added = new ClientLoop(port, "other.example.com", "/", null, null, LOOP_REQUESTS);
            E2e.sleep(E2e.POLL);

            long changedAt = System.nanoTime();
            write(dynamic.resolve("other.yml"), E2e.simpleRouteYaml("other", "other.example.com", other.url()));
            assertWithinReloadDeadline("the added router serves",
                    changedAt, () -> status(port, "other.example.com", "/", null, null) == 200);

            E2e.sleep(E2e.POLL.multipliedBy(2));
            seed.assertNoFailedRequest(200);
            added.assertNoFailedRequest(404, 200);
        }
    }

    @Test
    void routerAddedToTheSameFileInPlaceServesWithinOneSecond() {
        Path dynamic = dir.resolve("dynamic");
        Path file = write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        try (RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            ClientLoop seed = new ClientLoop(port, "example.com", "/whoami/", "test", "test", LOOP_REQUESTS);
            E2e.sleep(E2e.POLL);

            long changedAt = System.nanoTime();
            write(file, E2e.seedDynamicYaml(backend.url()).replace("  routers:\n", """
                      routers:
                        other:
                          rule: "Host(`other.example.com`)"
                          service: whoami
                    """));
            assertWithinReloadDeadline("the router added in place serves",
                    changedAt, () -> status(port, "other.example.com", "/", null, null) == 200);
            seed.assertNoFailedRequest(200);
        }
    }

    @Test
    void userChangedOldPasswordGets401NewGets200WithinOneSecond() {
        Path dynamic = dir.resolve("dynamic");
        Path file = write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        try (RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            assertEquals(200, status(port, "example.com", "/whoami/", "test", "test"));
            assertEquals(401, status(port, "example.com", "/whoami/", "user2", "secret2"));
            ClientLoop oldUser = new ClientLoop(port, "example.com", "/whoami/", "test", "test", LOOP_REQUESTS);
            ClientLoop newUser = new ClientLoop(port, "example.com", "/whoami/", "user2", "secret2", LOOP_REQUESTS);
            E2e.sleep(E2e.POLL);

            long changedAt = System.nanoTime();
            write(file, E2e.seedDynamicYaml(backend.url(), E2e.SHA_USER2_SECRET2));
            assertWithinReloadDeadline("the new user is accepted",
                    changedAt, () -> status(port, "example.com", "/whoami/", "user2", "secret2") == 200);
            assertEquals(401, status(port, "example.com", "/whoami/", "test", "test"));

            oldUser.assertNoFailedRequest(200, 401);
            newUser.assertNoFailedRequest(401, 200);
        }
    }

    @Test
    void editorSaveByTempFileAndAtomicRenameServesWithinOneSecond() {
        Path dynamic = dir.resolve("dynamic");
        Path file = write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        try (RunningJunction junction = start(dynamic)) {
            int port = junction.port();
            ClientLoop seed = new ClientLoop(port, "example.com", "/whoami/", "test", "test", LOOP_REQUESTS);
            ClientLoop moved = new ClientLoop(port, "example.com", "/moved/", "test", "test", LOOP_REQUESTS);
            E2e.sleep(E2e.POLL);

            long changedAt = System.nanoTime();
            E2e.editorSave(file, E2e.seedDynamicYaml(backend.url())
                    .replace("PathPrefix(`/whoami/`)", "(PathPrefix(`/whoami/`) || PathPrefix(`/moved/`))"));
            assertWithinReloadDeadline("the renamed-over file serves",
                    changedAt, () -> status(port, "example.com", "/moved/", "test", "test") == 200);

            seed.assertNoFailedRequest(200);
            moved.assertNoFailedRequest(404, 200);
        }
    }

    @Test
    void kubernetesConfigMapSymlinkSwapServesWithinOneSecond() throws IOException {
        // The layout the kubelet writes: real files in a timestamped directory, ..data pointing at it, and the
        // visible files symlinked through ..data; an update swaps ..data atomically to a new timestamped directory.
        Path configMap = Files.createDirectories(dir.resolve("configmap"));
        Path v1 = write(configMap.resolve("..2026_01_01_00_00_00.000000001").resolve("whoami.yml"),
                E2e.seedDynamicYaml(backend.url())).getParent();
        Files.createSymbolicLink(configMap.resolve("..data"), v1.getFileName());
        Files.createSymbolicLink(configMap.resolve("whoami.yml"), Path.of("..data/whoami.yml"));
        try (RunningJunction junction = start(configMap)) {
            int port = junction.port();
            assertEquals(200, status(port, "example.com", "/whoami/", "test", "test"));
            ClientLoop oldUser = new ClientLoop(port, "example.com", "/whoami/", "test", "test", LOOP_REQUESTS);
            E2e.sleep(E2e.POLL);

            long changedAt = System.nanoTime();
            Path v2 = write(configMap.resolve("..2026_01_01_00_01_00.000000002").resolve("whoami.yml"),
                    E2e.seedDynamicYaml(backend.url(), E2e.SHA_USER2_SECRET2)).getParent();
            Path tmpLink = Files.createSymbolicLink(configMap.resolve("..data_tmp"), v2.getFileName());
            Files.move(tmpLink, configMap.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.delete(v1.resolve("whoami.yml"));
            Files.delete(v1);
            assertWithinReloadDeadline("the swapped ConfigMap serves",
                    changedAt, () -> status(port, "example.com", "/whoami/", "user2", "secret2") == 200);

            oldUser.assertNoFailedRequest(200, 401);
        }
    }

    @Test
    void watchedDirectoryThatIsASymlinkSwappedToAnotherDirectoryServesWithinOneSecond() throws IOException {
        Path v1 = dir.resolve("conf-v1");
        write(v1.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        Path v2 = dir.resolve("conf-v2");
        write(v2.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        write(v2.resolve("other.yml"), E2e.simpleRouteYaml("other", "other.example.com", other.url()));
        Path current = Files.createSymbolicLink(dir.resolve("current"), v1.getFileName());
        try (RunningJunction junction = start(current)) {
            int port = junction.port();
            ClientLoop seed = new ClientLoop(port, "example.com", "/whoami/", "test", "test", LOOP_REQUESTS);
            E2e.sleep(E2e.POLL);

            long changedAt = System.nanoTime();
            Path tmpLink = Files.createSymbolicLink(dir.resolve("current.tmp"), v2.getFileName());
            Files.move(tmpLink, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertWithinReloadDeadline("the directory behind the swapped symlink serves",
                    changedAt, () -> status(port, "other.example.com", "/", null, null) == 200);

            seed.assertNoFailedRequest(200);
        }
    }

    private RunningJunction start(Path dynamicDirectory) {
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamicDirectory));
        return RunningJunction.start(List.of("--configFile=" + staticFile), Map.of());
    }
}

package dev.junction.fileprovider;

import static dev.junction.fileprovider.FileProviderTest.router;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.RouterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider follows changes on real files; every wait is bounded (5 s, checked every 50 ms). */
class FileProviderWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<DynamicConfiguration> updates = new CopyOnWriteArrayList<>();
    private FileProvider provider;

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    private void watchDirectory() {
        provider = FileProvider.forDirectory(dir, TestBinding.BINDER, TestBinding.MERGER);
        provider.load();
        provider.watch(updates::add);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private DynamicConfiguration awaitUpdate(String what, Predicate<DynamicConfiguration> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!updates.isEmpty() && condition.test(updates.get(updates.size() - 1))) {
                return updates.get(updates.size() - 1);
            }
            sleep(50);
        }
        return fail("no update with " + what + " within " + TIMEOUT + "; got " + updates);
    }

    private static Predicate<DynamicConfiguration> serviceOf(String router, String service) {
        return config -> Optional.ofNullable(config.routers().get(router)).map(RouterConfig::service)
                .filter(service::equals).isPresent();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void anInPlaceEditIsDelivered() throws IOException {
        Path file = write("a.yml", router("a", "v1"));
        watchDirectory();

        Files.writeString(file, router("a", "v2"));

        awaitUpdate("a -> v2", serviceOf("a", "v2"));
    }

    @Test
    void anEditThatKeepsSizeAndModificationTimeIsDelivered() throws IOException {
        Path file = write("a.yml", router("a", "v1"));
        FileTime time = Files.getLastModifiedTime(file);
        watchDirectory();

        Files.writeString(file, router("a", "v2"));
        Files.setLastModifiedTime(file, time);

        awaitUpdate("a -> v2", serviceOf("a", "v2"));
    }

    @Test
    void anEditorSaveByRenameIsDelivered() throws IOException {
        Path file = write("a.yml", router("a", "v1"));
        watchDirectory();

        Path temp = write(".a.yml.swp", router("a", "v2"));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        awaitUpdate("a -> v2", serviceOf("a", "v2"));
    }

    @Test
    void aKubernetesConfigMapSymlinkSwapIsDelivered() throws IOException {
        KubernetesConfigMap configMap = KubernetesConfigMap.create(dir, "app.yml", router("app", "v1"));
        watchDirectory();

        configMap.update(router("app", "v2"));

        DynamicConfiguration config = awaitUpdate("app -> v2", serviceOf("app", "v2"));
        assertEquals(List.of("app"), List.copyOf(config.routers().keySet()));
        assertTrue(config.problems().isEmpty(), config.problems().toString());
    }

    @Test
    void aDeletedAndRecreatedFileIsDelivered() throws IOException {
        write("a.yml", router("a", "v1"));
        Path file = write("b.yml", router("b", "v1"));
        watchDirectory();

        Files.delete(file);
        awaitUpdate("b removed", config -> !config.routers().containsKey("b"));

        Files.writeString(file, router("b", "v2"));
        awaitUpdate("b -> v2", serviceOf("b", "v2"));
    }

    @Test
    void aFileInANewSubdirectoryIsDelivered() throws IOException {
        write("a.yml", router("a", "v1"));
        watchDirectory();

        write("new/deeper/c.toml", "[http.routers.c]\nrule = \"Host(`c`)\"\nservice = \"v1\"\n");

        awaitUpdate("c", serviceOf("c", "v1"));
    }

    @Test
    void aBrokenFileKeepsItsLastGoodContentUntilItIsFixed() throws IOException {
        write("a.yml", router("a", "v1"));
        Path file = write("b.yml", router("b", "v1"));
        watchDirectory();

        Files.writeString(file, router("b", "v2") + "  oops: [\n");
        DynamicConfiguration broken = awaitUpdate("a problem", config -> !config.problems().isEmpty());
        assertEquals("v1", broken.routers().get("b").service());
        assertEquals("v1", broken.routers().get("a").service());
        assertEquals(file.toString(), broken.problems().get(0).origin().source());
        assertTrue(broken.problems().get(0).origin().line() > 0);

        Files.writeString(file, router("b", "v3"));
        DynamicConfiguration fixed = awaitUpdate("b -> v3", serviceOf("b", "v3"));
        assertTrue(fixed.problems().isEmpty(), fixed.problems().toString());
    }

    @Test
    void oneSaveGivesOneUpdateAndAnUnchangedSaveNone() throws IOException {
        Path file = write("a.yml", router("a", "v1"));
        watchDirectory();

        Files.writeString(file, router("a", "v2"));
        awaitUpdate("a -> v2", serviceOf("a", "v2"));
        sleep(1000);
        assertEquals(1, updates.size(), updates.toString());

        Files.writeString(file, router("a", "v2"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        sleep(1000);
        assertEquals(1, updates.size(), updates.toString());
    }

    @Test
    void aSingleFileIsFollowedThroughRenamesAndRecreation() throws IOException {
        Path file = write("conf/dynamic.yml", router("a", "v1"));
        provider = FileProvider.forFile(file, TestBinding.BINDER, TestBinding.MERGER);
        provider.watch(updates::add);

        Path temp = write("conf/dynamic.yml.tmp", router("a", "v2"));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        awaitUpdate("a -> v2", serviceOf("a", "v2"));

        Files.delete(file);
        awaitUpdate("nothing", config -> config.routers().isEmpty());

        Files.writeString(file, router("a", "v3"));
        awaitUpdate("a -> v3", serviceOf("a", "v3"));
    }

    @Test
    void nothingIsDeliveredAfterClose() throws IOException {
        Path file = write("a.yml", router("a", "v1"));
        watchDirectory();
        provider.close();

        Files.writeString(file, router("a", "v2"));
        sleep(800);

        assertTrue(updates.isEmpty(), updates.toString());
    }
}

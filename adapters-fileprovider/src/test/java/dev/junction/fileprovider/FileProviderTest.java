package dev.junction.fileprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.config.statics.FileProviderConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProviderTest {

    @TempDir
    Path dir;

    static String router(String name, String service) {
        return "http:\n  routers:\n    " + name + ":\n      rule: Host(`" + name + "`)\n      service: " + service + "\n";
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private FileProvider directoryProvider() {
        return FileProvider.forDirectory(dir, TestBinding.BINDER, TestBinding.MERGER);
    }

    @Test
    void itIsTheFileProvider() {
        assertEquals("file", directoryProvider().providerName());
    }

    @Test
    void readsTheSeedExampleFromOneFile() throws IOException {
        Path file = write("dynamic.toml", YamlTreeReaderTest.resource("seed/dynamic.toml"));

        DynamicConfiguration config = FileProvider.forFile(file, TestBinding.BINDER, TestBinding.MERGER).load();

        assertEquals("whoami", config.routers().get("to-whoami").service());
        assertEquals(List.of("test-user"), config.routers().get("to-whoami").middlewares());
        assertEquals(URI.create("http://private/whoami-service"),
                ((ServiceConfig.LoadBalancer) config.services().get("whoami")).servers().get(0).url());
        assertEquals(file + ":5", config.routers().get("to-whoami").origin().toString());
        assertTrue(config.problems().isEmpty());
    }

    @Test
    void mergesADirectoryRecursivelyInFileNameOrderFirstDefinitionWins() throws IOException {
        write("b.yml", router("shared", "from-b") + "    only-b:\n      rule: Host(`b`)\n      service: b\n");
        write("a.yaml", router("shared", "from-a"));
        write("a/nested.toml", "[http.routers.shared]\nrule = \"Host(`n`)\"\nservice = \"from-nested\"\n"
                + "[http.routers.only-nested]\nrule = \"Host(`n`)\"\nservice = \"n\"\n");

        DynamicConfiguration config = directoryProvider().load();

        assertEquals("from-nested", config.routers().get("shared").service()); // a/nested.toml comes before a.yaml
        assertEquals(List.of("shared", "only-nested", "only-b"), List.copyOf(config.routers().keySet()));
    }

    @Test
    void readsOnlyTomlYamlAndYmlFiles() throws IOException {
        write("a.yml", router("a", "s"));
        write("b.json", "{\"http\": {}}");
        write("c.txt", "not: config");
        write("d.yml.bak", router("d", "s"));

        assertEquals(List.of("a"), List.copyOf(directoryProvider().load().routers().keySet()));
    }

    @Test
    void aBrokenFileDoesNotHoldBackTheOthersAndIsReported() throws IOException {
        write("a.yml", router("a", "s"));
        Path broken = write("b.yml", "http:\n  routers: x\n    service: y\n");

        DynamicConfiguration config = directoryProvider().load();

        assertEquals(List.of("a"), List.copyOf(config.routers().keySet()));
        assertEquals(1, config.problems().size());
        ConfigProblem problem = config.problems().get(0);
        assertEquals(broken.toString(), problem.origin().source());
        assertEquals(3, problem.origin().line());
        assertTrue(problem.message().startsWith("invalid YAML"), problem.message());
    }

    @Test
    void aFileThatBreaksKeepsServingItsLastGoodContent() throws IOException {
        write("a.yml", router("a", "s"));
        Path b = write("b.yml", router("b", "s"));
        FileProvider provider = directoryProvider();
        provider.load();

        Files.writeString(b, router("b", "changed") + "  oops: [\n");
        DynamicConfiguration config = provider.load();

        assertEquals("s", config.routers().get("b").service());
        assertEquals(1, config.problems().size());
        assertEquals(b.toString(), config.problems().get(0).origin().source());

        Files.writeString(b, router("b", "fixed"));
        DynamicConfiguration fixed = provider.load();
        assertEquals("fixed", fixed.routers().get("b").service());
        assertTrue(fixed.problems().isEmpty());
    }

    @Test
    void aDeletedFileRemovesItsContent() throws IOException {
        write("a.yml", router("a", "s"));
        Path b = write("b.yml", router("b", "s"));
        FileProvider provider = directoryProvider();
        provider.load();

        Files.delete(b);

        assertEquals(List.of("a"), List.copyOf(provider.load().routers().keySet()));
    }

    @Test
    void kubernetesConfigMapInternalsAreReadOnlyThroughTheTopLevelLinks() throws IOException {
        KubernetesConfigMap configMap = KubernetesConfigMap.create(dir, "app.yml", router("app", "v1"));

        DynamicConfiguration config = directoryProvider().load();

        assertEquals(List.of("app"), List.copyOf(config.routers().keySet()));
        assertEquals(dir.resolve("app.yml") + ":3", config.routers().get("app").origin().toString());
        assertTrue(config.problems().isEmpty());
        assertTrue(Files.isSymbolicLink(configMap.dataLink()));
    }

    @Test
    void aMissingDirectoryIsAConfigurationErrorNamingIt() {
        Path missing = dir.resolve("missing");

        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> FileProvider.forDirectory(missing, TestBinding.BINDER, TestBinding.MERGER).load());

        assertEquals(missing + ": providers.file.directory: file provider: the directory does not exist", error.getMessage());
    }

    @Test
    void aFileGivenAsDirectoryIsAConfigurationError() throws IOException {
        Path file = write("a.yml", router("a", "s"));

        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> FileProvider.forDirectory(file, TestBinding.BINDER, TestBinding.MERGER).load());

        assertTrue(error.getMessage().endsWith("file provider: not a directory"), error.getMessage());
    }

    @Test
    void theStaticSectionNeedsExactlyOneOfFilenameAndDirectory() {
        assertThrows(ConfigurationException.class, () -> new FileProvider(
                new FileProviderConfig(Optional.empty(), Optional.empty(), true), TestBinding.BINDER, TestBinding.MERGER));
        assertThrows(ConfigurationException.class, () -> new FileProvider(
                new FileProviderConfig(Optional.of(dir.resolve("a.yml")), Optional.of(dir), true),
                TestBinding.BINDER, TestBinding.MERGER));
    }

    @Test
    void theStaticSectionSelectsDirectoryMode() throws IOException {
        write("sub/a.yml", router("a", "s"));

        DynamicConfiguration config = new FileProvider(new FileProviderConfig(Optional.empty(), Optional.of(dir), true),
                TestBinding.BINDER, TestBinding.MERGER).load();

        assertEquals(List.of("a"), List.copyOf(config.routers().keySet()));
    }
}

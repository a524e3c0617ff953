package dev.junction.fileprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticConfigFileTest {

    @TempDir
    Path dir;

    private StaticConfigFile finder() {
        return new StaticConfigFile(List.of(dir.resolve("etc/traefik"), dir.resolve("xdg/traefik"), dir.resolve("cwd/traefik")));
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void theFirstExistingFileWinsBaseByBaseThenTomlYamlYml() throws IOException {
        write("cwd/traefik.toml", "");
        write("xdg/traefik.yml", "");
        write("xdg/traefik.yaml", "");
        assertEquals(Optional.of(dir.resolve("xdg/traefik.yaml")), finder().locate(Optional.empty()));

        write("xdg/traefik.toml", "");
        assertEquals(Optional.of(dir.resolve("xdg/traefik.toml")), finder().locate(Optional.empty()));
    }

    @Test
    void noFileAnywhereMeansNoStaticFile() {
        assertEquals(Optional.empty(), finder().read(Optional.empty()));
    }

    @Test
    void anExplicitFileWinsOverTheSearch() throws IOException {
        write("etc/traefik.toml", "");
        Path explicit = write("custom/static.yml", "log:\n  level: DEBUG\n");

        ConfigNode.MapNode tree = finder().read(Optional.of(explicit)).orElseThrow();

        assertEquals("DEBUG", Trees.value(tree, "log.level"));
        assertEquals(explicit + ":2", Trees.at(tree, "log.level").origin().toString());
    }

    @Test
    void aMissingExplicitFileIsAnErrorNamingTheFile() {
        Path missing = dir.resolve("nope/traefik.yml");

        ConfigurationException error = assertThrows(ConfigurationException.class, () -> finder().locate(Optional.of(missing)));

        assertEquals(missing + ": configFile: the configuration file does not exist", error.getMessage());
    }

    @Test
    void theSeedStaticConfigurationReadsTheSameInYamlAndToml() throws IOException {
        Path yaml = write("a/traefik.yml", YamlTreeReaderTest.resource("seed/traefik.yml"));
        Path toml = write("b/traefik.toml", YamlTreeReaderTest.resource("seed/traefik.toml"));

        ConfigNode.MapNode fromYaml = StaticConfigFile.readFile(yaml);
        ConfigNode.MapNode fromToml = StaticConfigFile.readFile(toml);

        assertEquals(Trees.plain(fromYaml), Trees.plain(fromToml));
        assertEquals(":8081", Trees.value(fromYaml, "entryPoints.web.address"));
        assertEquals(4, Trees.line(fromYaml, "entryPoints.web.address"));
        assertEquals(4, Trees.line(fromToml, "entryPoints.web.address"));
        assertEquals("/path/to/dynamic/conf", Trees.value(fromToml, "providers.file.directory"));
    }

    @Test
    void aSyntaxErrorInTheStaticFileNamesFileAndLine() throws IOException {
        Path file = write("traefik.toml", "[entryPoints.web]\naddress = :8081\n");

        ConfigurationException error = assertThrows(ConfigurationException.class, () -> StaticConfigFile.readFile(file));

        assertTrue(error.getMessage().startsWith(file + ":2: invalid TOML"), error.getMessage());
    }

    @Test
    void anUnsupportedExtensionIsAnError() throws IOException {
        Path file = write("traefik.json", "{}");

        ConfigurationException error = assertThrows(ConfigurationException.class, () -> StaticConfigFile.readFile(file));

        assertTrue(error.getMessage().contains("unsupported file extension"), error.getMessage());
    }

    @Test
    void traefikDefaultsSearchEtcXdgHomeThenTheWorkingDirectory() {
        StaticConfigFile defaults = StaticConfigFile.traefikDefaults(
                Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/home/u"), Path.of("/work"));

        assertEquals(List.of("/etc/traefik/traefik.toml", "/etc/traefik/traefik.yaml", "/etc/traefik/traefik.yml",
                        "/x/traefik.toml", "/x/traefik.yaml", "/x/traefik.yml",
                        "/home/u/.config/traefik.toml", "/home/u/.config/traefik.yaml", "/home/u/.config/traefik.yml",
                        "/work/traefik.toml", "/work/traefik.yaml", "/work/traefik.yml"),
                defaults.candidates().stream().map(Path::toString).toList());
        assertEquals(6, StaticConfigFile.traefikDefaults(Map.of(), Path.of("/work")).candidates().size());
    }
}

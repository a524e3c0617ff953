package dev.junction.fileprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TomlTreeReaderTest {

    private final TomlTreeReader reader = new TomlTreeReader();

    @Test
    void readsTheSeedExampleWithTheLineOfEveryNode() throws IOException {
        ConfigNode.MapNode tree = reader.read("dynamic.toml", YamlTreeReaderTest.resource("seed/dynamic.toml"));

        assertEquals("Host(`example.com`) && PathPrefix(`/whoami/`)", Trees.value(tree, "http.routers.to-whoami.rule"));
        assertEquals(6, Trees.line(tree, "http.routers.to-whoami.rule"));
        assertEquals(8, Trees.line(tree, "http.routers.to-whoami.middlewares"));
        assertEquals("test-user", Trees.value(tree, "http.routers.to-whoami.middlewares[0]"));
        assertEquals(10, Trees.line(tree, "http.routers.to-whoami.service"));
        assertEquals(15, Trees.line(tree, "http.middlewares.test-user.basicAuth.users"));
        assertEquals("http://private/whoami-service", Trees.value(tree, "http.services.whoami.loadBalancer.servers[0].url"));
        assertEquals(21, Trees.line(tree, "http.services.whoami.loadBalancer.servers[0].url"));
    }

    @Test
    void theSeedExampleGivesTheSameTreeInYamlAndToml() throws IOException {
        ConfigNode.MapNode toml = reader.read("dynamic.toml", YamlTreeReaderTest.resource("seed/dynamic.toml"));
        ConfigNode.MapNode yaml = new YamlTreeReader().read("dynamic.yml", YamlTreeReaderTest.resource("seed/dynamic.yml"));

        assertEquals(Trees.plain(yaml), Trees.plain(toml));
    }

    @Test
    void keepsTomlTypes() {
        ConfigNode.MapNode tree = reader.read("t.toml", String.join("\n",
                "port = 80", "ratio = 1.5", "enabled = true", "duration = \"10s\"", "day = 2026-01-02", ""));

        assertEquals(80L, Trees.value(tree, "port"));
        assertEquals(1.5, Trees.value(tree, "ratio"));
        assertEquals(true, Trees.value(tree, "enabled"));
        assertEquals("10s", Trees.value(tree, "duration"));
        assertEquals("2026-01-02", Trees.value(tree, "day"));
    }

    @Test
    void keysKeepTheOrderOfTheFile() {
        ConfigNode.MapNode tree = reader.read("o.toml", "zeta = 1\nalpha = 2\n[mid]\nb = 1\na = 2\n");

        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(tree.entries().keySet()));
        assertEquals(List.of("b", "a"), List.copyOf(((ConfigNode.MapNode) Trees.at(tree, "mid")).entries().keySet()));
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> reader.read("/etc/dyn/bad.toml", "[http]\n  [http.routers.a]\n    rule = \"Host(`a`)\n"));

        assertEquals(1, error.problems().size());
        ConfigProblem problem = error.problems().get(0);
        assertEquals("/etc/dyn/bad.toml", problem.origin().source());
        assertEquals(3, problem.origin().line());
        assertTrue(problem.toString().startsWith("/etc/dyn/bad.toml:3: invalid TOML: "), problem.toString());
    }

    @Test
    void aDuplicateKeyIsAProblem() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> reader.read("dup.toml", "a = 1\nb = 2\na = 3\n"));

        assertEquals(3, error.problems().get(0).origin().line());
    }

    @Test
    void anEmptyFileIsAnEmptyMap() {
        assertTrue(reader.read("e.toml", "").entries().isEmpty());
        assertTrue(reader.read("e.toml", "# nothing\n").entries().isEmpty());
    }
}

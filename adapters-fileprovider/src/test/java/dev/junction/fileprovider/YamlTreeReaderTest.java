package dev.junction.fileprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

    private final YamlTreeReader reader = new YamlTreeReader();

    static String resource(String name) throws IOException {
        try (InputStream in = YamlTreeReaderTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheSeedExampleWithTheLineOfEveryNode() throws IOException {
        ConfigNode.MapNode tree = reader.read("dynamic.yml", resource("seed/dynamic.yml"));

        assertEquals("Host(`example.com`) && PathPrefix(`/whoami/`)", Trees.value(tree, "http.routers.to-whoami.rule"));
        assertEquals(6, Trees.line(tree, "http.routers.to-whoami.rule"));
        assertEquals(5, Trees.line(tree, "http.routers.to-whoami"));
        assertEquals(8, Trees.line(tree, "http.routers.to-whoami.middlewares"));
        assertEquals("test-user", Trees.value(tree, "http.routers.to-whoami.middlewares[0]"));
        assertEquals(9, Trees.line(tree, "http.routers.to-whoami.middlewares[0]"));
        assertEquals(11, Trees.line(tree, "http.routers.to-whoami.service"));
        assertEquals("test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/", Trees.value(tree, "http.middlewares.test-user.basicAuth.users[0]"));
        assertEquals(18, Trees.line(tree, "http.middlewares.test-user.basicAuth.users[0]"));
        assertEquals("http://private/whoami-service", Trees.value(tree, "http.services.whoami.loadBalancer.servers[0].url"));
        assertEquals(25, Trees.line(tree, "http.services.whoami.loadBalancer.servers[0].url"));
        assertEquals("dynamic.yml:25", Trees.at(tree, "http.services.whoami.loadBalancer.servers[0].url").origin().toString());
    }

    @Test
    void typesPlainScalarsByTheYamlCoreSchema() {
        ConfigNode.MapNode tree = reader.read("t.yml", String.join("\n",
                "port: 80", "negative: -1", "hex: 0x10", "enabled: true", "off: False", "ratio: 1.5",
                "quoted: \"80\"", "norway: no", "switch: on", "duration: 10s", "address: :8081",
                "ip: 10.0.0.1", "nothing: ~", "empty:", "version: 1.10.2", ""));

        assertEquals(80L, Trees.value(tree, "port"));
        assertEquals(-1L, Trees.value(tree, "negative"));
        assertEquals(16L, Trees.value(tree, "hex"));
        assertEquals(true, Trees.value(tree, "enabled"));
        assertEquals(false, Trees.value(tree, "off"));
        assertEquals(1.5, Trees.value(tree, "ratio"));
        assertEquals("80", Trees.value(tree, "quoted"));
        assertEquals("no", Trees.value(tree, "norway"));
        assertEquals("on", Trees.value(tree, "switch"));
        assertEquals("10s", Trees.value(tree, "duration"));
        assertEquals(":8081", Trees.value(tree, "address"));
        assertEquals("10.0.0.1", Trees.value(tree, "ip"));
        assertEquals("", Trees.value(tree, "nothing"));
        assertEquals("", Trees.value(tree, "empty"));
        assertEquals("1.10.2", Trees.value(tree, "version"));
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> reader.read("/etc/dyn/bad.yml", "http:\n  routers: x\n    service: y\n"));

        assertEquals(1, error.problems().size());
        ConfigProblem problem = error.problems().get(0);
        assertEquals("/etc/dyn/bad.yml", problem.origin().source());
        assertEquals(3, problem.origin().line());
        assertTrue(problem.toString().startsWith("/etc/dyn/bad.yml:3: invalid YAML: mapping values are not allowed here"),
                problem.toString());
    }

    @Test
    void aDuplicateKeyIsAProblemAtItsSecondDefinition() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> reader.read("dup.yml", "http:\n  routers:\n    a: {}\n    b: {}\n    a: {}\n"));

        ConfigProblem problem = error.problems().get(0);
        assertEquals(5, problem.origin().line());
        assertEquals("http.routers.a", problem.key());
        assertTrue(problem.message().contains("duplicate key \"a\" (first defined at line 3)"), problem.message());
    }

    @Test
    void anEmptyFileIsAnEmptyMap() {
        assertTrue(reader.read("e.yml", "").entries().isEmpty());
        assertTrue(reader.read("e.yml", "# only a comment\n").entries().isEmpty());
        assertTrue(reader.read("e.yml", "---\n").entries().isEmpty());
    }

    @Test
    void mergeKeysFillInWhatIsNotWrittenExplicitly() {
        ConfigNode.MapNode tree = reader.read("m.yml", String.join("\n",
                "base: &base", "  service: shared", "  rule: Host(`a`)",
                "router:", "  <<: *base", "  rule: Host(`b`)", ""));

        assertEquals("shared", Trees.value(tree, "router.service"));
        assertEquals("Host(`b`)", Trees.value(tree, "router.rule"));
    }

    @Test
    void aDocumentThatIsNotAMappingIsAProblem() {
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> reader.read("l.yml", "- a\n- b\n"));

        assertEquals(List.of("l.yml:1: invalid YAML: the document must be a mapping of keys to values"),
                error.problems().stream().map(ConfigProblem::toString).toList());
    }
}

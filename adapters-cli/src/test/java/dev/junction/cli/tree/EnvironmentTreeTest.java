package dev.junction.cli.tree;

import static dev.junction.cli.tree.FlagTreeTest.at;
import static dev.junction.cli.tree.FlagTreeTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.tree.ConfigNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTreeTest {

    @Test
    void traefikVariablesBecomeLowerCaseDottedKeys() {
        ConfigNode.MapNode tree = EnvironmentTree.from(Map.of(
                "TRAEFIK_ENTRYPOINTS_WEB_ADDRESS", ":80",
                "TRAEFIK_PROVIDERS_FILE_DIRECTORY", "/path/to/dynamic/conf"));

        assertEquals(":80", value(tree, "entrypoints.web.address"));
        assertEquals("/path/to/dynamic/conf", value(tree, "providers.file.directory"));
        assertEquals("env TRAEFIK_ENTRYPOINTS_WEB_ADDRESS", at(tree, "entrypoints.web.address").origin().toString());
    }

    @Test
    void otherVariablesAreIgnored() {
        ConfigNode.MapNode tree = EnvironmentTree.from(Map.of("HOME", "/root", "PATH", "/bin", "TRAEFIK_", "x",
                "TRAEFIKX_A", "y", "TRAEFIK_LOG_LEVEL", "DEBUG"));

        assertEquals(List.of("log"), List.copyOf(tree.entries().keySet()));
    }

    @Test
    void commaSeparatedValuesStayOneString() {
        ConfigNode.MapNode tree = EnvironmentTree.from(Map.of("TRAEFIK_SERVERSTRANSPORT_ROOTCAS", "a.crt,b.crt"));

        assertEquals("a.crt,b.crt", value(tree, "serverstransport.rootcas"));
    }

    @Test
    void noVariablesGiveAnEmptyTree() {
        assertTrue(EnvironmentTree.from(Map.of()).entries().isEmpty());
    }
}

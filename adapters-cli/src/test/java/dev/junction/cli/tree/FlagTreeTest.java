package dev.junction.cli.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagTreeTest {

    static ConfigNode at(ConfigNode root, String dotted) {
        ConfigNode node = root;
        for (String segment : dotted.split("\\.")) {
            node = ((ConfigNode.MapNode) node).entries().get(segment);
            if (node == null) {
                throw new AssertionError("no " + segment + " in " + dotted + " of " + root);
            }
        }
        return node;
    }

    static Object value(ConfigNode root, String dotted) {
        return ((ConfigNode.ScalarNode) at(root, dotted)).value();
    }

    @Test
    void readsTheSeedCommandLine() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of(
                "--entryPoints.web.address=:8081", "--providers.file.directory=/path/to/dynamic/conf"));

        assertEquals(":8081", value(tree, "entryPoints.web.address"));
        assertEquals("/path/to/dynamic/conf", value(tree, "providers.file.directory"));
        assertEquals("flag --entryPoints.web.address", at(tree, "entryPoints.web.address").origin().toString());
    }

    @Test
    void aValueMayFollowAsTheNextArgument() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of("--entryPoints.web.address", ":8081", "--log.level", "DEBUG"));

        assertEquals(":8081", value(tree, "entryPoints.web.address"));
        assertEquals("DEBUG", value(tree, "log.level"));
    }

    @Test
    void aBareFlagIsTrue() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of("--providers.file.watch", "--api.insecure", "--log.level=INFO"));

        assertEquals("true", value(tree, "providers.file.watch"));
        assertEquals("true", value(tree, "api.insecure"));
    }

    @Test
    void aNegativeNumberIsAValueNotAFlag() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of("--serversTransport.maxIdleConnsPerHost", "-1"));

        assertEquals("-1", value(tree, "serversTransport.maxIdleConnsPerHost"));
    }

    @Test
    void listsStayOneStringAndRepeatedFlagsAreJoinedWithCommas() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of("--serversTransport.rootCAs=a.crt,b.crt",
                "--entryPoints.web.http.middlewares=one", "--entryPoints.web.http.middlewares=two"));

        assertEquals("a.crt,b.crt", value(tree, "serversTransport.rootCAs"));
        assertEquals("one,two", value(tree, "entryPoints.web.http.middlewares"));
    }

    @Test
    void namesMatchCaseInsensitivelyKeepingTheFirstSpelling() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of("--entryPoints.Web.address=:80", "--entrypoints.web.asDefault=true"));

        assertEquals(Map.of("entryPoints", 1), Map.of(tree.entries().keySet().iterator().next(), tree.entries().size()));
        assertEquals("true", value(tree, "entryPoints.Web.asDefault"));
    }

    @Test
    void configFileAndIgnoredFlagsAreSkippedWithTheirValues() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of("--configFile", "/etc/traefik.yml", "--strict",
                "--configfile=/x.yml", "--log.level=INFO", "serve"), Set.of("strict"));

        assertEquals(List.of("log"), List.copyOf(tree.entries().keySet()));
    }

    @Test
    void aBareTrueSectionGivesWayToItsChildren() {
        ConfigNode.MapNode tree = FlagTree.parse(List.of("--providers.docker", "--providers.docker.endpoint=unix:///x",
                "--providers.file.directory=/d", "--providers.file"));

        assertEquals("unix:///x", value(tree, "providers.docker.endpoint"));
        assertEquals("/d", value(tree, "providers.file.directory"));
    }

    @Test
    void aKeyWithBothAValueAndChildrenIsAProblemNamingBothFlags() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> FlagTree.parse(List.of("--log=x", "--log.level=INFO")));

        assertEquals("flag --log.level: log.level: conflicts with flag --log: a key cannot have both a value and children",
                error.getMessage());
    }

    @Test
    void anEmptyNameSegmentIsAProblem() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> FlagTree.parse(List.of("--entryPoints..address=:80")));

        assertTrue(error.getMessage().contains("empty segment"), error.getMessage());
    }
}

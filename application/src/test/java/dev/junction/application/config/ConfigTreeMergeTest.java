package dev.junction.application.config;

import static dev.junction.application.config.ConfigFixtures.env;
import static dev.junction.application.config.ConfigFixtures.flags;
import static dev.junction.application.config.ConfigFixtures.yamlText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.domain.config.statics.StaticConfiguration;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.MapNode;
import dev.junction.domain.config.tree.ConfigNode.ScalarNode;
import dev.junction.domain.config.tree.Origin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigTreeMergeTest {

    private static final MapNode FILE = yamlText("traefik.yml", ""
            + "entryPoints:\n"
            + "  Web:\n"
            + "    address: :80\n"
            + "  admin:\n"
            + "    address: 127.0.0.1:9000\n"
            + "providers:\n"
            + "  file:\n"
            + "    directory: /etc/junction\n"
            + "serversTransport:\n"
            + "  rootCAs: [a.crt, b.crt]\n"
            + "  forwardingTimeouts:\n"
            + "    dialTimeout: 10s\n");

    private static ConfigNode at(MapNode root, String... path) {
        ConfigNode node = root;
        for (String key : path) {
            node = ((MapNode) node).entries().get(key);
        }
        return node;
    }

    @Test
    void flagsOverrideEnvironmentOverrideFileIgnoringTheCaseOfKeys() {
        MapNode merged = ConfigTreeMerge.merge(FILE,
                env("TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:8080", "TRAEFIK_SERVERSTRANSPORT_FORWARDINGTIMEOUTS_DIALTIMEOUT=5s"),
                flags("--entryPoints.web.address=:8081"));

        StaticConfiguration config = new StaticConfigBinder().bind(merged);
        assertEquals(8081, config.entryPoints().get("Web").port());
        assertEquals(9000, config.entryPoints().get("admin").port());
        assertEquals(Duration.ofSeconds(5), config.serversTransport().dialTimeout());
        assertEquals(Optional.of(Path.of("/etc/junction")), config.fileProvider().get().directory());
    }

    @Test
    void theFirstSpellingOfAKeyIsKept() {
        MapNode merged = ConfigTreeMerge.merge(FILE, env("TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:8080"));

        assertEquals(List.of("Web", "admin"), List.copyOf(((MapNode) at(merged, "entryPoints")).entries().keySet()));
    }

    @Test
    void aWinningValueKeepsItsOwnOrigin() {
        MapNode merged = ConfigTreeMerge.merge(FILE, flags("--entryPoints.web.address=:8081"));

        assertEquals(Origin.of("flag --entryPoints.web.address"), at(merged, "entryPoints", "Web", "address").origin());
        assertEquals(new Origin("traefik.yml", 5), at(merged, "entryPoints", "admin", "address").origin());
        assertEquals(FILE.origin(), merged.origin());
    }

    @Test
    void aListIsReplacedWhole() {
        MapNode merged = ConfigTreeMerge.merge(FILE, flags("--serversTransport.rootCAs=c.crt"));

        assertEquals(new ScalarNode(Origin.of("flag --serversTransport.rootCAs"), "c.crt"),
                at(merged, "serversTransport", "rootCAs"));
    }

    @Test
    void aBareFlagOverAConfiguredSectionKeepsTheSection() {
        MapNode merged = ConfigTreeMerge.merge(FILE, flags("--providers.file"));

        assertEquals(at(FILE, "providers", "file"), at(merged, "providers", "file"));
    }

    @Test
    void aScalarOverAMapReplacesIt() {
        MapNode merged = ConfigTreeMerge.merge(FILE, flags("--providers.file=false"));

        assertEquals("false", ((ScalarNode) at(merged, "providers", "file")).text());
        assertEquals(Optional.empty(), new StaticConfigBinder().bind(merged).fileProvider());
    }

    @Test
    void nothingMergesToAnEmptyTree() {
        assertEquals(Map.of(), ConfigTreeMerge.merge(List.of()).entries());
    }

    @Test
    void oneTreeMergesToItself() {
        assertEquals(FILE, ConfigTreeMerge.merge(FILE));
    }
}

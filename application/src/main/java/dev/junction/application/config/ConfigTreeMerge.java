package dev.junction.application.config;

import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.MapNode;
import dev.junction.domain.config.tree.ConfigNode.ScalarNode;
import dev.junction.domain.config.tree.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Layers static configuration trees so that one binder sees one tree: later trees override earlier ones
 * (pass file, then environment, then flags, and flags win). Keys are compared ignoring case, because
 * environment variables arrive lower-cased ({@code TRAEFIK_ENTRYPOINTS_WEB_ADDRESS}) and flags in any case;
 * the spelling of the first occurrence is kept, as Traefik keeps the first spelling of a map key.
 *
 * <p>Maps merge key by key; any other value (a scalar, a whole list) replaces the earlier one and keeps its own
 * origin, so an error points at the source that won. A bare flag ({@code --providers.file}, value "true")
 * over an already configured section leaves the section as it is: it only says "enabled".
 *
 * <p>Note that Traefik itself never merges its sources: the first of file, flags and environment that has any
 * configuration is used alone. Merging is Junction's choice.
 */
public final class ConfigTreeMerge {

    private static final Origin NOTHING = Origin.of("(no configuration)");

    private ConfigTreeMerge() {
    }

    /** Merges {@code trees} in order, later over earlier; an empty list gives an empty tree. */
    public static MapNode merge(List<MapNode> trees) {
        Objects.requireNonNull(trees, "trees");
        MapNode result = null;
        for (MapNode tree : trees) {
            Objects.requireNonNull(tree, "tree");
            result = result == null ? tree : mergeMaps(result, tree);
        }
        return result == null ? new MapNode(NOTHING, Map.of()) : result;
    }

    /** Merges {@code trees} in order, later over earlier. */
    public static MapNode merge(MapNode... trees) {
        return merge(List.of(trees));
    }

    private static MapNode mergeMaps(MapNode base, MapNode over) {
        Map<String, ConfigNode> entries = new LinkedHashMap<>(base.entries());
        for (Map.Entry<String, ConfigNode> entry : over.entries().entrySet()) {
            String existing = sameKey(entries, entry.getKey());
            if (existing == null) {
                entries.put(entry.getKey(), entry.getValue());
            } else {
                entries.put(existing, mergeValues(entries.get(existing), entry.getValue()));
            }
        }
        return new MapNode(base.origin(), entries);
    }

    private static ConfigNode mergeValues(ConfigNode base, ConfigNode over) {
        if (base instanceof MapNode && over instanceof MapNode) {
            return mergeMaps((MapNode) base, (MapNode) over);
        }
        if (base instanceof MapNode && over instanceof ScalarNode
                && ((ScalarNode) over).text().trim().equalsIgnoreCase("true")) {
            return base;
        }
        return over;
    }

    private static String sameKey(Map<String, ConfigNode> entries, String key) {
        for (String candidate : entries.keySet()) {
            if (candidate.equalsIgnoreCase(key)) {
                return candidate;
            }
        }
        return null;
    }
}

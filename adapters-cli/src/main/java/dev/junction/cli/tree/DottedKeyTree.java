package dev.junction.cli.tree;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a tree from dotted keys ({@code entryPoints.web.address}) as flags and environment variables give them.
 * Key segments match case-insensitively and keep the case of their first occurrence, as Traefik's parser does.
 * A bare {@code true} on a key that also has children ({@code --providers.docker} with
 * {@code --providers.docker.endpoint=...}) means "enabled", which the children already imply, so it is dropped.
 */
final class DottedKeyTree {

    private final Branch root = new Branch(null);
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** Adds one value; {@code joinRepeated} joins a repeated key's values with {@code ,} instead of replacing. */
    void put(String dottedKey, String value, Origin origin, boolean joinRepeated) {
        String[] segments = dottedKey.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                problems.add(new ConfigProblem(origin, dottedKey, "invalid name: empty segment in \"" + dottedKey + "\""));
                return;
            }
        }
        Branch branch = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Object child = branch.get(segments[i]);
            if (child instanceof Leaf) {
                Leaf leaf = (Leaf) child;
                if (!"true".equalsIgnoreCase(leaf.value)) {
                    problems.add(new ConfigProblem(origin, dottedKey, "conflicts with " + leaf.origin.source()
                            + ": a key cannot have both a value and children"));
                    return;
                }
                child = null; // "enabled" is implied by the children; the branch takes the leaf's place
            }
            if (child == null) {
                Branch created = new Branch(origin);
                branch.put(segments[i], created);
                child = created;
            }
            branch = (Branch) child;
        }
        String last = segments[segments.length - 1];
        Object existing = branch.get(last);
        if (existing instanceof Branch) {
            if (!"true".equalsIgnoreCase(value)) {
                problems.add(new ConfigProblem(origin, dottedKey, "conflicts with "
                        + ((Branch) existing).origin.source() + ": a key cannot have both a value and children"));
            }
            return;
        }
        if (existing instanceof Leaf && joinRepeated) {
            Leaf leaf = (Leaf) existing;
            branch.put(last, new Leaf(leaf.value + "," + value, leaf.origin));
            return;
        }
        branch.put(last, new Leaf(value, origin));
    }

    /** The tree built so far, or every problem found while building it. */
    ConfigNode.MapNode build(Origin rootOrigin) {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return root.toNode(rootOrigin);
    }

    private static final class Leaf {
        final String value;
        final Origin origin;

        Leaf(String value, Origin origin) {
            this.value = value;
            this.origin = origin;
        }
    }

    private static final class Branch {
        final Origin origin;
        /** lower-cased segment → (first spelling, child) */
        private final Map<String, Map.Entry<String, Object>> children = new LinkedHashMap<>();

        Branch(Origin origin) {
            this.origin = origin;
        }

        Object get(String name) {
            Map.Entry<String, Object> entry = children.get(name.toLowerCase(Locale.ROOT));
            return entry == null ? null : entry.getValue();
        }

        void put(String name, Object child) {
            String folded = name.toLowerCase(Locale.ROOT);
            Map.Entry<String, Object> entry = children.get(folded);
            String spelling = entry == null ? name : entry.getKey();
            children.put(folded, Map.entry(spelling, child));
        }

        ConfigNode.MapNode toNode(Origin own) {
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : children.values()) {
                Object child = entry.getValue();
                if (child instanceof Leaf) {
                    Leaf leaf = (Leaf) child;
                    entries.put(entry.getKey(), new ConfigNode.ScalarNode(leaf.origin, leaf.value));
                } else {
                    Branch branch = (Branch) child;
                    entries.put(entry.getKey(), branch.toNode(branch.origin));
                }
            }
            return new ConfigNode.MapNode(own, entries);
        }
    }
}

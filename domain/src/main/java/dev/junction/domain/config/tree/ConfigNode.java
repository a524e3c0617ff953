package dev.junction.domain.config.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A source-neutral tree of configuration values. YAML, TOML, command-line flags and environment variables all
 * become this tree first; one binder then turns it into the typed model, so every source reports the same
 * errors with the same wording, each naming the origin of the offending value.
 */
public sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {

    Origin origin();

    /** A table of named children; iteration order is the order of the source. */
    record MapNode(Origin origin, Map<String, ConfigNode> entries) implements ConfigNode {
        public MapNode {
            Objects.requireNonNull(origin, "origin");
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** An ordered list of children. */
    record ListNode(Origin origin, List<ConfigNode> items) implements ConfigNode {
        public ListNode {
            Objects.requireNonNull(origin, "origin");
            items = List.copyOf(items);
        }
    }

    /** A leaf: a String, Boolean, Long or Double as the source typed it (flags and env give Strings). */
    record ScalarNode(Origin origin, Object value) implements ConfigNode {
        public ScalarNode {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(value, "value");
        }

        public String text() {
            return String.valueOf(value);
        }
    }
}

package dev.junction.fileprovider;

import dev.junction.domain.config.tree.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers to look into configuration trees. */
final class Trees {
    private Trees() {
    }

    /** The node at a dotted path; {@code [i]} indexes lists ({@code servers[0].url}). */
    static ConfigNode at(ConfigNode root, String path) {
        ConfigNode node = root;
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            node = ((ConfigNode.MapNode) node).entries().get(name);
            if (node == null) {
                throw new AssertionError("no " + name + " in " + path);
            }
            if (bracket >= 0) {
                int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                node = ((ConfigNode.ListNode) node).items().get(index);
            }
        }
        return node;
    }

    static Object value(ConfigNode root, String path) {
        return ((ConfigNode.ScalarNode) at(root, path)).value();
    }

    static int line(ConfigNode root, String path) {
        return at(root, path).origin().line();
    }

    /** The tree as plain maps, lists and values, without origins, to compare trees from different sources. */
    static Object plain(ConfigNode node) {
        if (node instanceof ConfigNode.MapNode) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((ConfigNode.MapNode) node).entries().forEach((key, child) -> map.put(key, plain(child)));
            return map;
        }
        if (node instanceof ConfigNode.ListNode) {
            List<Object> list = new ArrayList<>();
            ((ConfigNode.ListNode) node).items().forEach(child -> list.add(plain(child)));
            return list;
        }
        return ((ConfigNode.ScalarNode) node).value();
    }
}

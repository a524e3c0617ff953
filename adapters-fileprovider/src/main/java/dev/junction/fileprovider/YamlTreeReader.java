package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML text into a {@link ConfigNode} tree that remembers the line of every key and value, so that a
 * wrong value can be reported as {@code file:line}. It works on SnakeYAML's node graph ({@code compose}), never
 * on constructed Java objects, because only nodes carry positions.
 *
 * <p>Plain scalars are typed by the YAML 1.2 core schema, as Traefik's Go decoder does: only
 * {@code true}/{@code false} are booleans ({@code yes}, {@code on} stay strings), integers become {@code Long},
 * floats {@code Double}, {@code null}/{@code ~}/nothing the empty string; quoted scalars are always strings.
 * Duplicate keys are an error; merge keys ({@code <<: *anchor}) are honoured, explicit keys winning.
 */
public final class YamlTreeReader {

    private static final Pattern CORE_BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern CORE_INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern CORE_FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    /**
     * Reads one YAML document.
     *
     * @param source the name used in every {@link Origin} (normally the file path)
     * @throws ConfigurationException with one problem naming {@code source} and the line, on a syntax error,
     *                                a duplicate key, or a document that is not a mapping
     */
    public ConfigNode.MapNode read(String source, String text) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Node root;
        try {
            root = new Yaml(loaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark != null ? mark.getLine() + 1 : 0;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw problem(new Origin(source, line), "", "invalid YAML: " + problem.trim() + context);
        } catch (YAMLException e) {
            throw problem(Origin.of(source), "", "invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            return new ConfigNode.MapNode(new Origin(source, 1), Map.of());
        }
        Origin origin = originOf(source, root);
        if (isNull(root)) {
            return new ConfigNode.MapNode(origin, Map.of());
        }
        if (!(root instanceof MappingNode)) {
            throw problem(origin, "", "invalid YAML: the document must be a mapping of keys to values");
        }
        return new Converter(source).map((MappingNode) root, "", origin);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static Origin originOf(String source, Node node) {
        return new Origin(source, node.getStartMark() != null ? node.getStartMark().getLine() + 1 : 0);
    }

    private static ConfigurationException problem(Origin origin, String key, String message) {
        return new ConfigurationException(new ConfigProblem(origin, key, message));
    }

    /** One conversion; remembers the nodes on the current path to refuse recursive anchors. */
    private static final class Converter {
        private final String source;
        private static final int MAX_NODES = 1_000_000;
        private final Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());
        private int converted;

        Converter(String source) {
            this.source = source;
        }

        ConfigNode convert(Node node, String key, Origin origin) {
            if (!path.add(node)) {
                throw problem(origin, key, "invalid YAML: an anchor refers to itself");
            }
            if (++converted > MAX_NODES) {
                throw problem(origin, key, "invalid YAML: more than " + MAX_NODES + " values once anchors are expanded");
            }
            try {
                if (node instanceof MappingNode) {
                    return map((MappingNode) node, key, origin);
                }
                if (node instanceof SequenceNode) {
                    List<ConfigNode> items = new ArrayList<>();
                    List<Node> values = ((SequenceNode) node).getValue();
                    for (int i = 0; i < values.size(); i++) {
                        Node item = values.get(i);
                        items.add(convert(item, key + "[" + i + "]", originOf(source, item)));
                    }
                    return new ConfigNode.ListNode(origin, items);
                }
                return new ConfigNode.ScalarNode(origin, scalar((ScalarNode) node));
            } finally {
                path.remove(node);
            }
        }

        ConfigNode.MapNode map(MappingNode node, String key, Origin origin) {
            path.add(node);
            try {
                Map<String, ConfigNode> entries = new LinkedHashMap<>();
                List<ConfigNode.MapNode> merged = new ArrayList<>();
                for (NodeTuple tuple : node.getValue()) {
                    Node keyNode = tuple.getKeyNode();
                    Node valueNode = tuple.getValueNode();
                    Origin keyOrigin = originOf(source, keyNode);
                    if (Tag.MERGE.equals(keyNode.getTag())) {
                        merged.addAll(mergeSources(valueNode, key, keyOrigin));
                        continue;
                    }
                    if (!(keyNode instanceof ScalarNode)) {
                        throw problem(keyOrigin, key, "invalid YAML: a key must be a plain value, not a "
                                + (keyNode instanceof MappingNode ? "mapping" : "list"));
                    }
                    String name = ((ScalarNode) keyNode).getValue();
                    String childKey = key.isEmpty() ? name : key + "." + name;
                    if (entries.containsKey(name)) {
                        throw problem(keyOrigin, childKey, "invalid YAML: duplicate key \"" + name + "\" (first defined at line "
                                + entries.get(name).origin().line() + ")");
                    }
                    Origin valueOrigin = valueNode instanceof ScalarNode ? originOf(source, valueNode) : keyOrigin;
                    entries.put(name, convert(valueNode, childKey, valueOrigin));
                }
                for (ConfigNode.MapNode base : merged) {
                    base.entries().forEach(entries::putIfAbsent);
                }
                return new ConfigNode.MapNode(origin, entries);
            } finally {
                path.remove(node);
            }
        }

        private List<ConfigNode.MapNode> mergeSources(Node value, String key, Origin origin) {
            List<ConfigNode.MapNode> result = new ArrayList<>();
            if (value instanceof MappingNode) {
                result.add((ConfigNode.MapNode) convert(value, key, origin));
            } else if (value instanceof SequenceNode) {
                for (Node item : ((SequenceNode) value).getValue()) {
                    if (!(item instanceof MappingNode)) {
                        throw problem(originOf(source, item), key, "invalid YAML: a merge key (<<) takes mappings only");
                    }
                    result.add((ConfigNode.MapNode) convert(item, key, originOf(source, item)));
                }
            } else {
                throw problem(origin, key, "invalid YAML: a merge key (<<) takes a mapping or a list of mappings");
            }
            return result;
        }

        private static Object scalar(ScalarNode node) {
            String text = node.getValue();
            Tag tag = node.getTag();
            if (Tag.NULL.equals(tag)) {
                return "";
            }
            if (Tag.BOOL.equals(tag) && CORE_BOOL.matcher(text).matches()) {
                return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
            }
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                if (CORE_INT.matcher(text).matches()) {
                    try {
                        if (text.startsWith("0x")) {
                            return Long.parseLong(text.substring(2), 16);
                        }
                        if (text.startsWith("0o")) {
                            return Long.parseLong(text.substring(2), 8);
                        }
                        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                    } catch (NumberFormatException tooLarge) {
                        return text;
                    }
                }
                if (CORE_FLOAT.matcher(text).matches()) {
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (lower.endsWith(".inf")) {
                        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    }
                    if (lower.equals(".nan")) {
                        return Double.NaN;
                    }
                    return Double.parseDouble(text);
                }
            }
            return text;
        }
    }
}

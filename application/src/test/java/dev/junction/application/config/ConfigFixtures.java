package dev.junction.application.config;

import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.ListNode;
import dev.junction.domain.config.tree.ConfigNode.MapNode;
import dev.junction.domain.config.tree.ConfigNode.ScalarNode;
import dev.junction.domain.config.tree.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration trees for tests, shaped as the real sources shape them: YAML fixture files under
 * {@code src/test/resources/config} (read by a small block-style YAML subset reader, since the application
 * module has no YAML library; origins carry the file name and line), command-line flags and environment
 * variables (all values Strings, as the CLI adapter gives them).
 */
final class ConfigFixtures {

    private ConfigFixtures() {
    }

    /** The YAML fixture {@code src/test/resources/config/<name>}; origins are {@code <name>:<line>}. */
    static MapNode yaml(String name) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture config/" + name);
            }
            return yamlText(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads YAML {@code text} as if it came from the file {@code source}. */
    static MapNode yamlText(String source, String text) {
        return new YamlSubset(source, text).document();
    }

    /** Flags such as {@code --entryPoints.web.address=:8081} or a bare {@code --providers.file}. */
    static MapNode flags(String... flags) {
        Tree root = new Tree(Origin.of("flags"));
        for (String flag : flags) {
            String body = flag.replaceFirst("^--?", "");
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            root.put(name.split("\\."), new ScalarNode(Origin.of("flag --" + name), eq < 0 ? "true" : body.substring(eq + 1)));
        }
        return root.toNode();
    }

    /** Environment variables such as {@code TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80}: lower-cased, "_" is ".". */
    static MapNode env(String... variables) {
        Tree root = new Tree(Origin.of("environment"));
        for (String variable : variables) {
            int eq = variable.indexOf('=');
            String name = variable.substring(0, eq);
            String path = name.substring("TRAEFIK_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            root.put(path.split("\\."), new ScalarNode(Origin.of("env " + name), variable.substring(eq + 1)));
        }
        return root.toNode();
    }

    private static final class Tree {
        private final Origin origin;
        private final Map<String, Object> children = new LinkedHashMap<>();

        Tree(Origin origin) {
            this.origin = origin;
        }

        void put(String[] path, ScalarNode value) {
            Tree tree = this;
            for (int i = 0; i < path.length - 1; i++) {
                tree = (Tree) tree.children.computeIfAbsent(path[i], k -> new Tree(value.origin()));
            }
            tree.children.put(path[path.length - 1], value);
        }

        MapNode toNode() {
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            children.forEach((k, v) -> entries.put(k, v instanceof Tree ? ((Tree) v).toNode() : (ConfigNode) v));
            return new MapNode(origin, entries);
        }
    }

    /**
     * Block-style YAML: {@code key: value}, nested maps by indentation, {@code - item} lists (also at the
     * indentation of their key), lists of maps, quoted strings, {@code {}} and {@code [a, b]}, comments.
     */
    private static final class YamlSubset {
        private record Line(int number, int indent, String text) {
        }

        private final String source;
        private final List<Line> lines = new ArrayList<>();
        private int pos;

        YamlSubset(String source, String text) {
            this.source = source;
            String[] raw = text.split("\n", -1);
            for (int i = 0; i < raw.length; i++) {
                String line = stripComment(raw[i]).stripTrailing();
                if (!line.isBlank()) {
                    int indent = line.length() - line.stripLeading().length();
                    lines.add(new Line(i + 1, indent, line.strip()));
                }
            }
        }

        MapNode document() {
            if (lines.isEmpty()) {
                return new MapNode(new Origin(source, 0), Map.of());
            }
            ConfigNode node = block(lines.get(0).indent());
            if (pos < lines.size()) {
                throw error(lines.get(pos), "unexpected indentation");
            }
            return new MapNode(new Origin(source, 0), ((MapNode) node).entries());
        }

        private ConfigNode block(int indent) {
            return isItem(lines.get(pos).text()) ? list(indent) : map(indent);
        }

        private MapNode map(int indent) {
            Origin origin = origin(lines.get(pos));
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            while (pos < lines.size() && lines.get(pos).indent() == indent && !isItem(lines.get(pos).text())) {
                Line line = lines.get(pos++);
                int colon = keyEnd(line.text());
                if (colon < 0) {
                    throw error(line, "expected key: value");
                }
                String key = unquote(line.text().substring(0, colon).strip());
                String rest = line.text().substring(colon + 1).strip();
                ConfigNode value;
                if (!rest.isEmpty()) {
                    value = inline(rest, origin(line));
                } else if (pos < lines.size() && lines.get(pos).indent() > indent) {
                    value = at(block(lines.get(pos).indent()), origin(line));
                } else if (pos < lines.size() && lines.get(pos).indent() == indent && isItem(lines.get(pos).text())) {
                    value = at(list(indent), origin(line));
                } else {
                    value = new ScalarNode(origin(line), "");
                }
                entries.put(key, value);
            }
            if (pos < lines.size() && lines.get(pos).indent() > indent) {
                throw error(lines.get(pos), "unexpected indentation");
            }
            return new MapNode(origin, entries);
        }

        private ListNode list(int indent) {
            Origin origin = origin(lines.get(pos));
            List<ConfigNode> items = new ArrayList<>();
            while (pos < lines.size() && lines.get(pos).indent() == indent && isItem(lines.get(pos).text())) {
                Line line = lines.get(pos);
                String rest = line.text().substring(1).stripLeading();
                int column = indent + line.text().length() - rest.length();
                if (rest.isEmpty()) {
                    pos++;
                    items.add(at(block(lines.get(pos).indent()), origin(line)));
                } else if (keyEnd(rest) >= 0) {
                    lines.set(pos, new Line(line.number(), column, rest));
                    items.add(map(column));
                } else {
                    pos++;
                    items.add(inline(rest, origin(line)));
                }
            }
            return new ListNode(origin, items);
        }

        private ConfigNode inline(String text, Origin origin) {
            if (text.equals("{}")) {
                return new MapNode(origin, Map.of());
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                List<ConfigNode> items = new ArrayList<>();
                String inner = text.substring(1, text.length() - 1).strip();
                if (!inner.isEmpty()) {
                    for (String part : inner.split(",")) {
                        items.add(new ScalarNode(origin, typed(part.strip())));
                    }
                }
                return new ListNode(origin, items);
            }
            return new ScalarNode(origin, typed(text));
        }

        private static Object typed(String text) {
            if (text.startsWith("\"") || text.startsWith("'")) {
                return unquote(text);
            }
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
            if (text.matches("-?\\d+")) {
                return Long.valueOf(text);
            }
            if (text.matches("-?\\d+\\.\\d+")) {
                return Double.valueOf(text);
            }
            return text;
        }

        private static String unquote(String text) {
            if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
                return text.substring(1, text.length() - 1).replace("''", "'");
            }
            return text;
        }

        /** Index of the ':' ending a key, or -1 when {@code text} is not {@code key: ...}. */
        private static int keyEnd(String text) {
            if (text.startsWith("\"") || text.startsWith("'")) {
                int close = text.indexOf(text.charAt(0), 1);
                return close > 0 && close + 1 < text.length() && text.charAt(close + 1) == ':'
                        && (close + 2 == text.length() || text.charAt(close + 2) == ' ') ? close + 1 : -1;
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean isItem(String text) {
            return text.equals("-") || text.startsWith("- ");
        }

        private static String stripComment(String line) {
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    return line.substring(0, i);
                }
            }
            return line;
        }

        private static ConfigNode at(ConfigNode node, Origin origin) {
            if (node instanceof MapNode) {
                return new MapNode(origin, ((MapNode) node).entries());
            }
            if (node instanceof ListNode) {
                return new ListNode(origin, ((ListNode) node).items());
            }
            return node;
        }

        private Origin origin(Line line) {
            return new Origin(source, line.number());
        }

        private IllegalArgumentException error(Line line, String message) {
            return new IllegalArgumentException(source + ":" + line.number() + ": " + message);
        }
    }
}

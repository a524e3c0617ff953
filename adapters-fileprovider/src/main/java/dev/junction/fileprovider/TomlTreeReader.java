package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Turns TOML text into a {@link ConfigNode} tree that remembers the line of every key and value, so that a
 * wrong value can be reported as {@code file:line}. Keys keep the order in which they appear in the file;
 * strings, integers ({@code Long}), floats ({@code Double}) and booleans keep their TOML type, dates and times
 * become their ISO text.
 */
public final class TomlTreeReader {

    /**
     * Reads one TOML document.
     *
     * @param source the name used in every {@link Origin} (normally the file path)
     * @throws ConfigurationException with one problem naming {@code source} and the line of the first syntax error
     */
    public ConfigNode.MapNode read(String source, String text) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        TomlParseResult result = Toml.parse(text);
        if (result.hasErrors()) {
            TomlParseError error = result.errors().get(0);
            int line = error.position() != null ? error.position().line() : 0;
            throw new ConfigurationException(new ConfigProblem(new Origin(source, line), "",
                    "invalid TOML: " + error.getMessage()));
        }
        return table(source, result, "", new Origin(source, 1));
    }

    private static ConfigNode.MapNode table(String source, TomlTable table, String key, Origin origin) {
        List<String> names = new ArrayList<>(table.keySet());
        names.sort(Comparator.comparing((String name) -> table.inputPositionOf(List.of(name)),
                Comparator.nullsLast(Comparator.comparingInt(TomlPosition::line).thenComparingInt(TomlPosition::column))));
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        for (String name : names) {
            Origin childOrigin = originOf(source, table.inputPositionOf(List.of(name)), origin);
            String childKey = key.isEmpty() ? name : key + "." + name;
            entries.put(name, value(source, table.get(List.of(name)), childKey, childOrigin));
        }
        return new ConfigNode.MapNode(origin, entries);
    }

    private static ConfigNode value(String source, Object value, String key, Origin origin) {
        if (value instanceof TomlTable) {
            return table(source, (TomlTable) value, key, origin);
        }
        if (value instanceof TomlArray) {
            TomlArray array = (TomlArray) value;
            List<ConfigNode> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                Origin itemOrigin = originOf(source, array.inputPositionOf(i), origin);
                items.add(value(source, array.get(i), key + "[" + i + "]", itemOrigin));
            }
            return new ConfigNode.ListNode(origin, items);
        }
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return new ConfigNode.ScalarNode(origin, value);
        }
        return new ConfigNode.ScalarNode(origin, String.valueOf(value));
    }

    private static Origin originOf(String source, TomlPosition position, Origin fallback) {
        return position != null ? new Origin(source, position.line()) : fallback;
    }
}

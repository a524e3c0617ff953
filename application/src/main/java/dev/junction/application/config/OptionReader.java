package dev.junction.application.config;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.TraefikDuration;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.ListNode;
import dev.junction.domain.config.tree.ConfigNode.MapNode;
import dev.junction.domain.config.tree.ConfigNode.ScalarNode;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.http.StatusRange;
import dev.junction.domain.net.IpRange;
import dev.junction.domain.text.GoRegex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * One map of options being read, the way Traefik reads them: option names match case-insensitively, scalars
 * from flags and environment arrive as text and are converted, and every problem is collected (never thrown)
 * with the origin of the offending node and its full dotted key. {@link #finish()} reports the keys nobody
 * asked for, so a typo is an error instead of a silently ignored setting.
 */
final class OptionReader {
    private final MapNode node;
    private final String path;
    private final List<ConfigProblem> problems;
    private final Set<String> consumed = new HashSet<>();
    private final Set<String> reportedTwice = new HashSet<>();

    OptionReader(MapNode node, String path, List<ConfigProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Reads {@code value} as a section: a map, or a bare flag ({@code true} or empty) meaning "enabled with
     * defaults". Empty when the section is switched off ({@code false}) or has the wrong type (reported).
     */
    static Optional<OptionReader> section(ConfigNode value, String key, List<ConfigProblem> problems) {
        if (value instanceof MapNode) {
            return Optional.of(new OptionReader((MapNode) value, key, problems));
        }
        if (value instanceof ScalarNode) {
            String text = ((ScalarNode) value).text().trim();
            if (text.isEmpty() || text.equalsIgnoreCase("true")) {
                return Optional.of(new OptionReader(new MapNode(value.origin(), Map.of()), key, problems));
            }
            if (text.equalsIgnoreCase("false")) {
                return Optional.empty();
            }
        }
        problems.add(new ConfigProblem(value.origin(), key, expected("a map", value)));
        return Optional.empty();
    }

    String path() {
        return path;
    }

    Origin origin() {
        return node.origin();
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** The dotted key of {@code option} below this map. */
    String key(String option) {
        return path.isEmpty() ? option : path + "." + option;
    }

    void problem(Origin origin, String key, String message) {
        problems.add(new ConfigProblem(origin, key, message));
    }

    /** The node of {@code option}, matched ignoring case; giving it twice in one map is a problem. */
    Optional<ConfigNode> node(String option) {
        ConfigNode found = null;
        String foundName = null;
        for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(option)) {
                consumed.add(entry.getKey());
                if (found != null) {
                    if (reportedTwice.add(entry.getKey())) {
                        problem(entry.getValue().origin(), key(option),
                                "given more than once (as \"" + foundName + "\" and \"" + entry.getKey() + "\")");
                    }
                    continue;
                }
                found = entry.getValue();
                foundName = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    Optional<OptionReader> section(String option) {
        return node(option).flatMap(value -> section(value, key(option), problems));
    }

    /** The named objects of {@code option} (entrypoints, routers...), names as written, in source order. */
    Map<String, ConfigNode> objects(String option) {
        Optional<ConfigNode> value = node(option);
        if (value.isEmpty()) {
            return Map.of();
        }
        if (value.get() instanceof MapNode) {
            return new LinkedHashMap<>(((MapNode) value.get()).entries());
        }
        if (value.get() instanceof ScalarNode && ((ScalarNode) value.get()).text().isBlank()) {
            return Map.of();
        }
        problem(value.get().origin(), key(option), expected("a map of named objects", value.get()));
        return Map.of();
    }

    Optional<String> string(String option) {
        return node(option).flatMap(value -> {
            if (value instanceof ScalarNode) {
                return Optional.of(((ScalarNode) value).text());
            }
            problem(value.origin(), key(option), expected("a string", value));
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String option) {
        return node(option).flatMap(value -> {
            if (value instanceof ScalarNode) {
                Object v = ((ScalarNode) value).value();
                if (v instanceof Boolean) {
                    return Optional.of((Boolean) v);
                }
                String text = String.valueOf(v).trim();
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Optional.of(Boolean.parseBoolean(text));
                }
            }
            problem(value.origin(), key(option), expected("a boolean (true or false)", value));
            return Optional.empty();
        });
    }

    Optional<Long> integer(String option) {
        return node(option).flatMap(value -> toLong(value, key(option)));
    }

    /** An integer that must fit in an int (ports, weights, connection counts). */
    Optional<Integer> smallInteger(String option) {
        return node(option).flatMap(value -> toLong(value, key(option)).flatMap(n -> {
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                problem(value.origin(), key(option), "the integer " + n + " is too large");
                return Optional.empty();
            }
            return Optional.of(n.intValue());
        }));
    }

    private Optional<Long> toLong(ConfigNode value, String key) {
        if (value instanceof ScalarNode) {
            Object v = ((ScalarNode) value).value();
            if (v instanceof Long || v instanceof Integer) {
                return Optional.of(((Number) v).longValue());
            }
            if (v instanceof String) {
                try {
                    return Optional.of(Long.parseLong(((String) v).trim()));
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
        }
        problem(value.origin(), key, expected("an integer", value));
        return Optional.empty();
    }

    /** A duration in Traefik's forms ("30s", "1m30s", "500ms", or a bare number of seconds); never negative. */
    Optional<Duration> duration(String option) {
        return node(option).flatMap(value -> {
            Optional<Duration> parsed = Optional.empty();
            if (value instanceof ScalarNode) {
                Object v = ((ScalarNode) value).value();
                if (v instanceof Long || v instanceof Integer) {
                    parsed = Optional.of(Duration.ofSeconds(((Number) v).longValue()));
                } else if (v instanceof Double) {
                    parsed = Optional.of(Duration.ofNanos(Math.round((Double) v * 1e9)));
                } else if (v instanceof String) {
                    parsed = TraefikDuration.parse((String) v);
                }
            }
            if (parsed.isEmpty()) {
                problem(value.origin(), key(option),
                        expected("a duration such as \"30s\", \"1m30s\", \"500ms\" or a number of seconds", value));
            } else if (parsed.get().isNegative()) {
                problem(value.origin(), key(option), "a duration must not be negative, got \""
                        + ((ScalarNode) value).text() + "\"");
                return Optional.empty();
            }
            return parsed;
        });
    }

    /** One string of a list, with where it was written and its indexed key ({@code trustedIPs[1]}). */
    record Item(String value, Origin origin, String key) {
    }

    /** A list of strings: a list, or one comma-separated string as flags and environment give it. */
    Optional<List<Item>> strings(String option) {
        return node(option).flatMap(value -> {
            String key = key(option);
            List<Item> items = new ArrayList<>();
            if (value instanceof ListNode) {
                List<ConfigNode> nodes = ((ListNode) value).items();
                for (int i = 0; i < nodes.size(); i++) {
                    ConfigNode item = nodes.get(i);
                    String itemKey = key + "[" + i + "]";
                    if (item instanceof ScalarNode) {
                        items.add(new Item(((ScalarNode) item).text().trim(), item.origin(), itemKey));
                    } else {
                        problem(item.origin(), itemKey, expected("a string", item));
                    }
                }
                return Optional.of(items);
            }
            if (value instanceof ScalarNode) {
                int i = 0;
                for (String part : ((ScalarNode) value).text().split(",")) {
                    if (!part.isBlank()) {
                        items.add(new Item(part.trim(), value.origin(), key + "[" + i++ + "]"));
                    }
                }
                return Optional.of(items);
            }
            problem(value.origin(), key, expected("a list of strings", value));
            return Optional.empty();
        });
    }

    static List<String> values(List<Item> items) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.value()));
        return values;
    }

    /** A string that must be given and not blank; "" (with a problem) otherwise. */
    String required(String option) {
        Optional<String> value = string(option);
        if (value.isEmpty() || value.get().isBlank()) {
            problem(node(option).map(ConfigNode::origin).orElse(origin()), key(option), option + " is required");
            return "";
        }
        return value.get();
    }

    /** A list of strings, empty when absent. */
    List<String> list(String option) {
        return strings(option).map(OptionReader::values).orElse(List.of());
    }

    /** A map of names to strings (custom headers, sslProxyHeaders), in source order. */
    Map<String, String> stringMap(String option) {
        Map<String, String> values = new LinkedHashMap<>();
        objects(option).forEach((name, value) -> {
            if (value instanceof ScalarNode scalar) {
                values.put(name, scalar.text());
            } else {
                problem(value.origin(), key(option) + "." + name, expected("a string", value));
            }
        });
        return values;
    }

    /** Reports {@code expression} at {@code origin} and {@code key} unless it compiles as a Go expression. */
    void checkRegex(String expression, Origin origin, String key) {
        try {
            GoRegex.compile(expression);
        } catch (PatternSyntaxException e) {
            problem(origin, key, "invalid regular expression \"" + expression + "\": " + e.getDescription());
        }
    }

    /** Reports {@code item} unless it is an IP address or CIDR. */
    void checkRange(Item item) {
        try {
            IpRange.parse(item.value());
        } catch (IllegalArgumentException e) {
            problem(item.origin(), item.key(), e.getMessage());
        }
    }

    /** A list of statuses and ranges ({@code 404}, {@code 500-599}); an item may hold several ({@code "404,418"}). */
    List<StatusRange> statusRanges(String option) {
        List<StatusRange> ranges = new ArrayList<>();
        for (Item item : strings(option).orElse(List.of())) {
            for (String part : item.value().split(",")) {
                StatusRange range = StatusRange.parse(part);
                if (range == null) {
                    problem(item.origin(), item.key(), "expected a status or a range such as \"500-599\", got \""
                            + item.value() + "\"");
                    break;
                }
                ranges.add(range);
            }
        }
        return ranges;
    }

    /** A duration that may be zero (the default) but not negative. */
    Duration notNegative(String option) {
        Duration d = duration(option).orElse(Duration.ZERO);
        if (d.isNegative()) {
            problem(node(option).get().origin(), key(option), option + " must not be negative");
            return Duration.ZERO;
        }
        return d;
    }

    /** A duration above zero; {@code fallback} when absent (or, with a problem, when not positive). */
    Duration positive(String option, Duration fallback) {
        Duration d = duration(option).orElse(fallback);
        if (d.isNegative() || d.isZero()) {
            problem(node(option).get().origin(), key(option), option + " must be positive");
            return fallback;
        }
        return d;
    }

    /** A byte count, not negative; {@code fallback} when absent. */
    long bytes(String option, long fallback) {
        long value = integer(option).orElse(fallback);
        if (value < 0) {
            problem(node(option).get().origin(), key(option), option + " must not be negative");
            return fallback;
        }
        return value;
    }

    /** Accepts {@code options} without reading them: sections Junction loads but does not act on. */
    void ignore(String... options) {
        for (String option : options) {
            node(option);
        }
    }

    /** Reports each present option of Traefik's that Junction does not implement yet. */
    void notSupportedYet(String... options) {
        for (String option : options) {
            node(option).ifPresent(value -> problem(value.origin(), key(option), "not supported yet by Junction"));
        }
    }

    /** Reports every key that no read asked for. */
    void finish() {
        for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
            if (!consumed.contains(entry.getKey())) {
                problem(entry.getValue().origin(), key(entry.getKey()), "unknown key");
            }
        }
    }

    /** "expected X, got Y": the one wording of every wrong-type problem. */
    static String expected(String what, ConfigNode got) {
        return "expected " + what + ", got " + describe(got);
    }

    static String describe(ConfigNode node) {
        if (node instanceof MapNode) {
            return "a map";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        return "\"" + ((ScalarNode) node).text() + "\"";
    }
}

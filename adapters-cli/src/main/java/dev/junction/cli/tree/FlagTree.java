package dev.junction.cli.tree;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Traefik-style command-line flags into a configuration tree, so flags are bound, validated and reported
 * exactly like a configuration file: {@code --entryPoints.web.address=:8081} and
 * {@code --entryPoints.web.address :8081} give the value {@code :8081}; a bare flag ({@code --api.insecure},
 * {@code --providers.file.watch}) gives {@code "true"}; a repeated flag's values are joined with {@code ,} as
 * Traefik does for lists. Values stay strings (the binder converts and splits them); each value's origin is
 * {@code flag --<name>}. Flags that are not configuration keys ({@code --configFile} and those named when
 * building) are skipped with their value, as are arguments that are not flags.
 *
 * <p>Without Traefik's type information, a flag followed by an argument that is not itself a flag takes that
 * argument as its value ({@code --log.level DEBUG}); negative numbers count as values.
 */
public final class FlagTree {

    /** Flags that select the configuration rather than being part of it. */
    public static final Set<String> ALWAYS_IGNORED = Set.of("configfile");

    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9][0-9.]*");

    private FlagTree() {
    }

    /** The tree of {@code args}, skipping {@code --configFile}. */
    public static ConfigNode.MapNode parse(List<String> args) {
        return parse(args, Set.of());
    }

    /**
     * The tree of {@code args}, skipping {@code --configFile} and every flag in {@code ignoredNames}
     * (names without dashes, matched case-insensitively).
     *
     * @throws ConfigurationException listing every flag that is malformed or conflicts with another
     */
    public static ConfigNode.MapNode parse(List<String> args, Set<String> ignoredNames) {
        Objects.requireNonNull(args, "args");
        Set<String> ignored = ignoredNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        DottedKeyTree tree = new DottedKeyTree();
        for (int i = 0; i < args.size(); i++) {
            String arg = Objects.requireNonNull(args.get(i), "arg");
            if ("--".equals(arg)) {
                break;
            }
            if (!isFlag(arg)) {
                continue;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name;
            String value;
            int equals = body.indexOf('=');
            if (equals > 0) {
                name = body.substring(0, equals);
                value = body.substring(equals + 1);
            } else {
                name = body;
                if (i + 1 < args.size() && !isFlag(args.get(i + 1)) && !"--".equals(args.get(i + 1))) {
                    value = args.get(++i);
                } else {
                    value = "true";
                }
            }
            String folded = name.toLowerCase(Locale.ROOT);
            if (ALWAYS_IGNORED.contains(folded) || ignored.contains(folded)) {
                continue;
            }
            tree.put(name, value, Origin.of("flag --" + name), true);
        }
        return tree.build(Origin.of("flags"));
    }

    private static boolean isFlag(String arg) {
        return arg.length() > 1 && arg.startsWith("-") && !NEGATIVE_NUMBER.matcher(arg).matches() && !"--".equals(arg);
    }
}

package dev.junction.cli.tree;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns {@code TRAEFIK_*} environment variables into a configuration tree, so the environment is bound, validated
 * and reported exactly like a configuration file. As in Traefik, the name after the prefix is lower-cased and
 * {@code _} separates keys ({@code TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80} → {@code entrypoints.web.address}), so map
 * keys from the environment are lower-case and cannot contain {@code _}. Values stay one string, commas included
 * (the binder splits lists); each value's origin is {@code env TRAEFIK_...}. The environment is passed in, never
 * read here, so callers and tests decide what it is.
 */
public final class EnvironmentTree {

    /** The prefix of the variables that are configuration. */
    public static final String PREFIX = "TRAEFIK_";

    private EnvironmentTree() {
    }

    /**
     * The tree of every {@code TRAEFIK_*} variable in {@code environment} (variables in name order).
     *
     * @throws ConfigurationException listing every variable that is malformed or conflicts with another
     */
    public static ConfigNode.MapNode from(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        DottedKeyTree tree = new DottedKeyTree();
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (name.length() <= PREFIX.length() || !name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String key = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            tree.put(key, Objects.requireNonNullElse(variable.getValue(), ""), Origin.of("env " + name), false);
        }
        return tree.build(Origin.of("environment"));
    }
}

package dev.junction.application.config;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.dynamic.RouterConfig;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.config.tree.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Combines the dynamic configuration of several files (one per file of a file provider directory, passed in
 * file-name order) into the one configuration of the provider. As in Traefik's file provider, a router,
 * middleware or service name defined in two files is taken from the first file and the later definition is
 * skipped; unlike Traefik, which only logs a warning, the skip is recorded as a problem naming both files.
 */
public final class DynamicConfigurationMerge {

    private DynamicConfigurationMerge() {
    }

    /** Merges {@code fragments} in order: the first definition of a name wins; all problems are kept. */
    public static DynamicConfiguration merge(List<DynamicConfiguration> fragments) {
        Objects.requireNonNull(fragments, "fragments");
        Map<String, RouterConfig> routers = new LinkedHashMap<>();
        Map<String, MiddlewareConfig> middlewares = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (DynamicConfiguration fragment : fragments) {
            problems.addAll(fragment.problems());
            add("router", "http.routers", fragment.routers(), routers, RouterConfig::origin, problems);
            add("middleware", "http.middlewares", fragment.middlewares(), middlewares, MiddlewareConfig::origin,
                    problems);
            add("service", "http.services", fragment.services(), services, ServiceConfig::origin, problems);
        }
        return new DynamicConfiguration(routers, middlewares, services, problems);
    }

    /** Merges {@code fragments} in order. */
    public static DynamicConfiguration merge(DynamicConfiguration... fragments) {
        return merge(List.of(fragments));
    }

    private static <T> void add(String kind, String section, Map<String, T> from, Map<String, T> into,
                                Function<T, Origin> origin, List<ConfigProblem> problems) {
        from.forEach((name, object) -> {
            T first = into.putIfAbsent(name, object);
            if (first != null) {
                String winner = origin.apply(first).source();
                problems.add(new ConfigProblem(origin.apply(object), section + "." + name, kind + " \"" + name
                        + "\" is defined in both " + winner + " and " + origin.apply(object).source() + "; "
                        + winner + " wins"));
            }
        });
    }
}

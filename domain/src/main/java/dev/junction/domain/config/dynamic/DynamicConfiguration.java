package dev.junction.domain.config.dynamic;

import dev.junction.domain.config.ConfigProblem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP routing configuration of one provider, as written, with the problems found while reading it.
 * Objects that could not be read are present in their invalid form so that the routers using them are
 * disabled with a reason instead of vanishing.
 */
public record DynamicConfiguration(
        Map<String, RouterConfig> routers,
        Map<String, MiddlewareConfig> middlewares,
        Map<String, ServiceConfig> services,
        List<ConfigProblem> problems) {

    public static final DynamicConfiguration EMPTY = new DynamicConfiguration(Map.of(), Map.of(), Map.of(), List.of());

    public DynamicConfiguration {
        routers = Collections.unmodifiableMap(new LinkedHashMap<>(routers));
        middlewares = Collections.unmodifiableMap(new LinkedHashMap<>(middlewares));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        problems = List.copyOf(problems);
    }
}

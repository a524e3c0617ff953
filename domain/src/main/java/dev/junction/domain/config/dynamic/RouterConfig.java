package dev.junction.domain.config.dynamic;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.tree.Origin;
import java.util.List;
import java.util.Objects;

/**
 * A router as written. {@code priority} 0 means "the rule's length", as in Traefik. A non-empty
 * {@code problems} list means the router could not be read and is disabled.
 */
public record RouterConfig(
        String name,
        Origin origin,
        String rule,
        String service,
        List<String> middlewares,
        List<String> entryPoints,
        long priority,
        List<ConfigProblem> problems) {
    public RouterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(service, "service");
        middlewares = List.copyOf(middlewares);
        entryPoints = List.copyOf(entryPoints);
        problems = List.copyOf(problems);
    }
}

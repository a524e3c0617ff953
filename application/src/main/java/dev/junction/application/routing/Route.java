package dev.junction.application.routing;

import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.rule.Rule;
import java.util.Objects;

/** A compiled, enabled router: its rule, its effective priority, and its middleware chain ending at a service. */
public record Route(String name, String ruleText, Rule rule, long priority, HttpHandler pipeline) {
    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ruleText, "ruleText");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(pipeline, "pipeline");
    }
}

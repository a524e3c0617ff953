package dev.junction.application.compile;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.middleware.Middleware;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code chain} middlewares into the middlewares they list, nested chains included, so a router's
 * pipeline is flat and costs nothing extra per request. A chain that reaches itself again, or lists a middleware
 * that is missing or in error, is itself in error with a message naming the culprit (for a cycle, the whole
 * loop); routers using it are then disabled like those of any broken middleware.
 */
final class ChainExpansion {
    private final Map<String, MiddlewareConfig> chains;
    private final Map<String, List<Middleware>> built;
    private final Map<String, List<String>> errors;
    private final String provider;
    private final LinkedHashSet<String> visiting = new LinkedHashSet<>();

    ChainExpansion(Map<String, MiddlewareConfig> chains, Map<String, List<Middleware>> built,
                   Map<String, List<String>> errors, String provider) {
        this.chains = chains;
        this.built = built;
        this.errors = errors;
        this.provider = provider;
    }

    /**
     * Expands the middleware {@code name} (qualified) into {@code built}, or records why it cannot be into
     * {@code errors}; true when it ends up built.
     */
    boolean expand(String name) {
        if (built.containsKey(name)) {
            return true;
        }
        if (errors.containsKey(name)) {
            return false;
        }
        MiddlewareConfig config = chains.get(name);
        if (config == null) {
            return false;
        }
        visiting.add(name);
        List<Middleware> members = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String reference : ((MiddlewareConfig.Chain) config).middlewares()) {
            String member = ConfigurationCompiler.qualify(reference, provider);
            if (visiting.contains(member)) {
                List<String> loop = new ArrayList<>(visiting);
                loop = loop.subList(loop.indexOf(member), loop.size());
                problems.add("chain cycle: " + String.join(" -> ", loop) + " -> " + member);
                continue;
            }
            if (expand(member)) {
                members.addAll(built.get(member));
            } else if (errors.containsKey(member)) {
                problems.add("middleware \"" + member + "\" is in error: " + errors.get(member));
            } else {
                problems.add("middleware \"" + member + "\" does not exist");
            }
        }
        visiting.remove(name);
        if (!problems.isEmpty()) {
            errors.put(name, problems);
            return false;
        }
        built.put(name, List.copyOf(members));
        return true;
    }
}

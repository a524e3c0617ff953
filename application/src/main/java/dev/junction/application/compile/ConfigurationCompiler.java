package dev.junction.application.compile;

import dev.junction.application.proxy.LoadBalancedService;
import dev.junction.application.proxy.Upstream;
import dev.junction.application.routing.Route;
import dev.junction.application.routing.RoutingSnapshot;
import dev.junction.application.routing.RoutingTable;
import dev.junction.application.status.ObjectStatus;
import dev.junction.application.status.ObjectStatus.Kind;
import dev.junction.application.status.ObjectStatus.State;
import dev.junction.application.status.RuntimeState;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.dynamic.RouterConfig;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.ForwardRequestPort;
import dev.junction.domain.rule.Rule;
import dev.junction.domain.rule.RuleParser;
import dev.junction.domain.rule.RulePriority;
import dev.junction.domain.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles a provider's dynamic configuration into a {@link RoutingSnapshot}. Errors are per object, as in
 * Traefik's runtime status: a router whose rule does not parse, or whose service or middleware is missing or
 * broken, is disabled with a message, and every other router keeps serving.
 */
public final class ConfigurationCompiler {
    private final Transports transports;
    private final MiddlewareFactory middlewares;

    public ConfigurationCompiler(Transports transports, MiddlewareFactory middlewares) {
        this.transports = Objects.requireNonNull(transports, "transports");
        this.middlewares = Objects.requireNonNull(middlewares, "middlewares");
    }

    /** A compiler whose services and middlewares all use one forwarder. */
    public ConfigurationCompiler(ForwardRequestPort forwarder, MiddlewareFactory middlewares) {
        this(Transports.only(forwarder), middlewares);
    }

    public RoutingSnapshot compile(Set<String> entryPoints, DynamicConfiguration config, String provider,
                                   long generation) {
        Map<String, List<String>> none = new LinkedHashMap<>();
        entryPoints.forEach(ep -> none.put(ep, List.of()));
        return compile(none, config, provider, generation);
    }

    /**
     * Compiles with entrypoint middlewares: {@code entryPoints} maps each entrypoint to the middlewares its
     * {@code http.middlewares} names, which run before those of every router on it. A router whose entrypoint
     * names a missing or broken middleware is disabled, as Traefik does.
     */
    public RoutingSnapshot compile(Map<String, List<String>> entryPointMiddlewares, DynamicConfiguration config,
                                   String provider, long generation) {
        Set<String> entryPoints = entryPointMiddlewares.keySet();
        List<ObjectStatus> statuses = new ArrayList<>();
        Map<String, HttpHandler> services = new LinkedHashMap<>();
        Map<String, List<String>> serviceErrors = new LinkedHashMap<>();
        for (ServiceConfig service : config.services().values()) {
            List<String> errors = new ArrayList<>();
            HttpHandler handler = buildService(service, errors);
            String qualified = service.name() + "@" + provider;
            if (handler != null) {
                services.put(qualified, handler);
            } else {
                serviceErrors.put(qualified, errors);
            }
        }
        MiddlewareWiring wiring = new MiddlewareWiring(transports, services, provider);
        Map<String, List<Middleware>> builtMiddlewares = new LinkedHashMap<>();
        Map<String, List<String>> middlewareErrors = new LinkedHashMap<>();
        Map<String, MiddlewareConfig> chains = new LinkedHashMap<>();
        for (MiddlewareConfig middleware : config.middlewares().values()) {
            String qualified = middleware.name() + "@" + provider;
            if (middleware instanceof MiddlewareConfig.Chain) {
                chains.put(qualified, middleware);
                continue;
            }
            try {
                builtMiddlewares.put(qualified, List.of(middlewares.create(middleware, wiring)));
            } catch (ConfigurationException e) {
                List<String> errors = new ArrayList<>();
                e.problems().forEach(p -> errors.add(p.toString()));
                middlewareErrors.put(qualified, errors);
            }
        }
        chains.keySet().forEach(chain -> new ChainExpansion(chains, builtMiddlewares, middlewareErrors, provider)
                .expand(chain));
        for (MiddlewareConfig middleware : config.middlewares().values()) {
            String qualified = middleware.name() + "@" + provider;
            List<String> errors = middlewareErrors.getOrDefault(qualified, List.of());
            statuses.add(new ObjectStatus(Kind.MIDDLEWARE, qualified,
                    errors.isEmpty() ? State.ENABLED : State.DISABLED, errors));
        }
        for (ServiceConfig service : config.services().values()) {
            String qualified = service.name() + "@" + provider;
            if (service instanceof ServiceConfig.LoadBalancer lb && !lb.middlewares().isEmpty()
                    && services.containsKey(qualified)) {
                List<Middleware> chain = new ArrayList<>();
                List<String> errors = new ArrayList<>();
                for (String reference : lb.middlewares()) {
                    String middlewareName = qualify(reference, provider);
                    List<Middleware> middleware = builtMiddlewares.get(middlewareName);
                    if (middleware != null) {
                        middleware.forEach(m -> chain.add(m.forRouter()));
                    } else {
                        errors.add("middleware \"" + middlewareName + "\" " + (middlewareErrors.containsKey(middlewareName)
                                ? "is in error: " + middlewareErrors.get(middlewareName) : "does not exist"));
                    }
                }
                if (errors.isEmpty()) {
                    services.put(qualified, Pipeline.of(chain, services.get(qualified)));
                } else {
                    services.remove(qualified);
                    serviceErrors.put(qualified, errors);
                }
            }
            List<String> errors = serviceErrors.getOrDefault(qualified, List.of());
            statuses.add(new ObjectStatus(Kind.SERVICE, qualified, errors.isEmpty() ? State.ENABLED : State.DISABLED,
                    errors));
        }
        Map<String, List<Route>> routesByEntryPoint = new LinkedHashMap<>();
        entryPoints.forEach(ep -> routesByEntryPoint.put(ep, new ArrayList<>()));
        for (RouterConfig router : config.routers().values()) {
            String qualified = router.name() + "@" + provider;
            List<String> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            router.problems().forEach(p -> errors.add(p.toString()));
            Rule rule = null;
            long priority = 0;
            try {
                rule = RuleParser.parse(router.rule());
                priority = RulePriority.of(router.rule(), router.priority()).value();
            } catch (RuleSyntaxException e) {
                errors.add(e.getMessage());
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            String serviceName = qualify(router.service(), provider);
            HttpHandler service = services.get(serviceName);
            if (service == null) {
                errors.add(serviceErrors.containsKey(serviceName)
                        ? "the service \"" + serviceName + "\" is in error: " + serviceErrors.get(serviceName)
                        : "the service \"" + serviceName + "\" does not exist");
            }
            List<Middleware> chain = new ArrayList<>();
            for (String reference : router.middlewares()) {
                String middlewareName = qualify(reference, provider);
                List<Middleware> middleware = builtMiddlewares.get(middlewareName);
                if (middleware != null) {
                    middleware.forEach(m -> chain.add(m.forRouter()));
                } else if (middlewareErrors.containsKey(middlewareName)) {
                    errors.add("middleware \"" + middlewareName + "\" is in error: "
                            + middlewareErrors.get(middlewareName));
                } else {
                    errors.add("middleware \"" + middlewareName + "\" does not exist");
                }
            }
            List<String> targets = new ArrayList<>();
            if (router.entryPoints().isEmpty()) {
                targets.addAll(entryPoints);
            } else {
                for (String ep : router.entryPoints()) {
                    if (entryPoints.contains(ep)) {
                        targets.add(ep);
                    } else {
                        warnings.add("entryPoint \"" + ep + "\" doesn't exist");
                    }
                }
                if (targets.isEmpty()) {
                    errors.add("no valid entryPoint for this router");
                }
            }
            Map<String, List<Middleware>> entryPointChains = new LinkedHashMap<>();
            for (String ep : targets) {
                List<Middleware> epChain = new ArrayList<>();
                for (String reference : entryPointMiddlewares.get(ep)) {
                    String middlewareName = qualify(reference, provider);
                    List<Middleware> middleware = builtMiddlewares.get(middlewareName);
                    if (middleware != null) {
                        middleware.forEach(m -> epChain.add(m.forRouter()));
                    } else {
                        errors.add("entryPoint \"" + ep + "\" middleware \"" + middlewareName + "\" "
                                + (middlewareErrors.containsKey(middlewareName)
                                ? "is in error: " + middlewareErrors.get(middlewareName) : "does not exist"));
                    }
                }
                epChain.addAll(chain);
                entryPointChains.put(ep, epChain);
            }
            if (errors.isEmpty()) {
                Rule ruleOf = rule;
                long priorityOf = priority;
                Map<List<Middleware>, Route> shared = new LinkedHashMap<>();
                for (String ep : targets) {
                    List<Middleware> pipeline = entryPointChains.get(ep);
                    Route route = shared.computeIfAbsent(pipeline, p -> new Route(qualified, router.rule(), ruleOf,
                            priorityOf, Pipeline.of(p, service)));
                    routesByEntryPoint.get(ep).add(route);
                }
            }
            List<String> messages = new ArrayList<>(errors);
            messages.addAll(warnings);
            State state = !errors.isEmpty() ? State.DISABLED : warnings.isEmpty() ? State.ENABLED : State.WARNING;
            statuses.add(new ObjectStatus(Kind.ROUTER, qualified, state, messages));
        }
        Map<String, RoutingTable> tables = new LinkedHashMap<>();
        routesByEntryPoint.forEach((ep, routes) -> tables.put(ep, new RoutingTable(routes)));
        List<ConfigProblem> problems = config.problems();
        return new RoutingSnapshot(generation, tables, new RuntimeState(statuses, problems));
    }

    private HttpHandler buildService(ServiceConfig service, List<String> errors) {
        if (service instanceof ServiceConfig.Invalid invalid) {
            invalid.problems().forEach(p -> errors.add(p.toString()));
            return null;
        }
        ServiceConfig.LoadBalancer lb = (ServiceConfig.LoadBalancer) service;
        List<Upstream> upstreams = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (ServiceConfig.Server server : lb.servers()) {
            upstreams.add(Upstream.of(server.url(), server.preservePath()));
            weights.add(server.weight());
        }
        return new LoadBalancedService(lb.name(), upstreams, weights, lb.passHostHeader(), transports.standard());
    }

    /** {@code name} or {@code name@provider} → {@code name@provider}. */
    static String qualify(String reference, String provider) {
        return reference.contains("@") ? reference : reference + "@" + provider;
    }
}

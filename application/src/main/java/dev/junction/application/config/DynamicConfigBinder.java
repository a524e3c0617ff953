package dev.junction.application.config;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.dynamic.RouterConfig;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.ListNode;
import dev.junction.domain.config.tree.ConfigNode.MapNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the HTTP routing configuration of one provider from its configuration tree. As in Traefik, a wrong
 * router, middleware or service is kept in its invalid form with its problems (so routers using it are disabled
 * with a reason) while everything else stays live; {@link #bind} therefore never throws for a semantic problem.
 * Problems no single object owns (unknown or unsupported sections) go to the configuration's own problem list;
 * an object's problems stay on the object.
 */
public final class DynamicConfigBinder {

    private static final String BASIC_AUTH = "basicAuth";
    private static final String LOAD_BALANCER = "loadBalancer";

    /** Traefik's HTTP middleware types that Junction does not implement yet. */
    private static final List<String> UNSUPPORTED_MIDDLEWARE_TYPES = List.of("passTLSClientCert", "plugin");

    /** Traefik's HTTP service types that Junction does not implement yet. */
    private static final List<String> UNSUPPORTED_SERVICE_TYPES = List.of("weighted", "mirroring", "failover",
            "highestRandomWeight");

    private static final List<String> UNSUPPORTED_STRATEGIES = List.of("p2c", "hrw", "leasttime");

    /** Reads {@code root}; problems are recorded in the result, never thrown. */
    public DynamicConfiguration bind(MapNode root) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, RouterConfig> routers = new LinkedHashMap<>();
        Map<String, MiddlewareConfig> middlewares = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        OptionReader reader = new OptionReader(root, "", problems);

        reader.section("http").ifPresent(http -> {
            http.objects("routers").forEach((name, node) ->
                    routers.put(name, router(name, node, http.key("routers") + "." + name)));
            http.objects("middlewares").forEach((name, node) ->
                    middlewares.put(name, middleware(name, node, http.key("middlewares") + "." + name)));
            http.objects("services").forEach((name, node) ->
                    services.put(name, service(name, node, http.key("services") + "." + name)));
            http.notSupportedYet("serversTransports");
            http.finish();
        });
        for (String section : List.of("tcp", "udp", "tls")) {
            reader.node(section).ifPresent(node -> problems.add(new ConfigProblem(node.origin(), section,
                    section + " configuration is not supported yet by Junction; the section is ignored")));
        }
        reader.finish();
        return new DynamicConfiguration(routers, middlewares, services, problems);
    }

    private RouterConfig router(String name, ConfigNode node, String key) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!(node instanceof MapNode)) {
            problems.add(new ConfigProblem(node.origin(), key, OptionReader.expected("a router (a map)", node)));
            return new RouterConfig(name, node.origin(), "", "", List.of(), List.of(), 0, problems);
        }
        OptionReader reader = new OptionReader((MapNode) node, key, problems);
        Optional<String> rule = reader.string("rule");
        Optional<String> service = reader.string("service").map(String::trim);
        List<String> middlewares = reader.strings("middlewares").map(OptionReader::values).orElse(List.of());
        List<String> entryPoints = reader.strings("entryPoints").map(OptionReader::values).orElse(List.of());
        long priority = reader.integer("priority").orElse(0L);
        reader.string("ruleSyntax").map(String::trim).ifPresent(syntax -> {
            if (syntax.equalsIgnoreCase("v2")) {
                reader.problem(reader.node("ruleSyntax").get().origin(), reader.key("ruleSyntax"),
                        "ruleSyntax v2 is not supported yet by Junction; only v3 rules are");
            } else if (!syntax.isEmpty() && !syntax.equalsIgnoreCase("v3")) {
                reader.problem(reader.node("ruleSyntax").get().origin(), reader.key("ruleSyntax"),
                        "unknown ruleSyntax \"" + syntax + "\", expected v3");
            }
        });
        reader.ignore("tls", "observability");
        reader.finish();
        if (rule.map(String::isBlank).orElse(reader.node("rule").isEmpty())) {
            reader.problem(node.origin(), reader.key("rule"), "a router needs a rule");
        }
        if (service.map(String::isEmpty).orElse(reader.node("service").isEmpty())) {
            reader.problem(node.origin(), reader.key("service"), "a router needs a service");
        }
        return new RouterConfig(name, node.origin(), rule.orElse(""), service.orElse(""), middlewares, entryPoints,
                priority, problems);
    }

    /**
     * The one type of a middleware or service definition ({@code basicAuth}, {@code loadBalancer}...); empty, with
     * Traefik's wording added to {@code problems}, when the definition is not a map or has zero or several types.
     */
    private static Optional<Map.Entry<String, ConfigNode>> onlyType(String kind, String name, ConfigNode node,
                                                                     String key, List<ConfigProblem> problems) {
        if (!(node instanceof MapNode)) {
            problems.add(new ConfigProblem(node.origin(), key, OptionReader.expected("a " + kind + " (a map)", node)));
            return Optional.empty();
        }
        Map<String, ConfigNode> types = ((MapNode) node).entries();
        if (types.isEmpty()) {
            problems.add(new ConfigProblem(node.origin(), key, kind + " \"" + name + "\" has no type"));
            return Optional.empty();
        }
        if (types.size() > 1) {
            problems.add(new ConfigProblem(node.origin(), key, "cannot create " + kind + ": multi-types " + kind
                    + " not supported, consider declaring two different pieces of " + kind + " instead (found "
                    + String.join(", ", types.keySet()) + ")"));
            return Optional.empty();
        }
        return Optional.of(types.entrySet().iterator().next());
    }

    private MiddlewareConfig middleware(String name, ConfigNode node, String key) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<Map.Entry<String, ConfigNode>> only = onlyType("middleware", name, node, key, problems);
        if (only.isEmpty()) {
            return new MiddlewareConfig.Invalid(name, node.origin(), problems);
        }
        Map.Entry<String, ConfigNode> type = only.get();
        String typeKey = key + "." + type.getKey();
        if (type.getKey().equalsIgnoreCase(BASIC_AUTH)) {
            return basicAuth(name, node, type.getValue(), key + "." + BASIC_AUTH);
        }
        Optional<MiddlewareConfig> known = new MiddlewareBinder(name, node, type.getValue(),
                key + "." + type.getKey()).bind(type.getKey());
        if (known.isPresent()) {
            return known.get();
        }
        Optional<String> unsupported = canonical(type.getKey(), UNSUPPORTED_MIDDLEWARE_TYPES);
        problems.add(new ConfigProblem(type.getValue().origin(), typeKey, unsupported.isPresent()
                ? "middleware type \"" + unsupported.get() + "\" is not supported yet by Junction"
                : "unknown middleware type \"" + type.getKey() + "\""));
        return new MiddlewareConfig.Invalid(name, node.origin(), problems);
    }

    private MiddlewareConfig basicAuth(String name, ConfigNode middleware, ConfigNode node, String key) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<OptionReader> section = OptionReader.section(node, key, problems);
        if (section.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new ConfigProblem(node.origin(), key, "basicAuth is switched off"));
            }
            return new MiddlewareConfig.Invalid(name, middleware.origin(), problems);
        }
        OptionReader reader = section.get();
        List<OptionReader.Item> users = reader.strings("users").orElse(List.of());
        users.stream().filter(user -> user.value().indexOf(':') <= 0).forEach(user -> reader.problem(user.origin(),
                user.key(), "a user must be written name:hash, got \"" + user.value() + "\""));
        String usersFile = reader.string("usersFile").orElse("").trim();
        String realm = reader.string("realm").orElse(MiddlewareConfig.BasicAuth.DEFAULT_REALM);
        String headerField = reader.string("headerField").orElse("").trim();
        boolean removeHeader = reader.bool("removeHeader").orElse(false);
        reader.finish();
        if (users.isEmpty() && usersFile.isEmpty() && problems.isEmpty()) {
            reader.problem(node.origin(), key, "basicAuth needs users or a usersFile");
        }
        if (!problems.isEmpty()) {
            return new MiddlewareConfig.Invalid(name, middleware.origin(), problems);
        }
        return new MiddlewareConfig.BasicAuth(name, middleware.origin(), OptionReader.values(users), usersFile, realm,
                headerField, removeHeader);
    }

    private ServiceConfig service(String name, ConfigNode node, String key) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> middlewares = List.of();
        ConfigNode typed = node;
        if (node instanceof MapNode map) {
            Map<String, ConfigNode> types = new LinkedHashMap<>();
            OptionReader reader = new OptionReader(map, key, problems);
            middlewares = reader.strings("middlewares").map(OptionReader::values).orElse(List.of());
            map.entries().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("middlewares")) {
                    types.put(k, v);
                }
            });
            typed = new MapNode(map.origin(), types);
        }
        Optional<Map.Entry<String, ConfigNode>> only = onlyType("service", name, typed, key, problems);
        if (only.isEmpty()) {
            return new ServiceConfig.Invalid(name, node.origin(), problems);
        }
        Map.Entry<String, ConfigNode> type = only.get();
        if (type.getKey().equalsIgnoreCase(LOAD_BALANCER)) {
            ServiceConfig service = loadBalancer(name, node, type.getValue(), key + "." + LOAD_BALANCER);
            if (!problems.isEmpty()) {
                return new ServiceConfig.Invalid(name, node.origin(), problems);
            }
            return service instanceof ServiceConfig.LoadBalancer lb
                    ? new ServiceConfig.LoadBalancer(lb.name(), lb.origin(), lb.servers(), lb.passHostHeader(),
                    middlewares)
                    : service;
        }
        Optional<String> known = canonical(type.getKey(), UNSUPPORTED_SERVICE_TYPES);
        problems.add(new ConfigProblem(type.getValue().origin(), key + "." + type.getKey(), known.isPresent()
                ? "service type \"" + known.get() + "\" is not supported yet by Junction"
                : "unknown service type \"" + type.getKey() + "\""));
        return new ServiceConfig.Invalid(name, node.origin(), problems);
    }

    private ServiceConfig loadBalancer(String name, ConfigNode service, ConfigNode node, String key) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<OptionReader> section = OptionReader.section(node, key, problems);
        if (section.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new ConfigProblem(node.origin(), key, "loadBalancer is switched off"));
            }
            return new ServiceConfig.Invalid(name, service.origin(), problems);
        }
        OptionReader reader = section.get();
        List<ServiceConfig.Server> servers = servers(reader);
        boolean passHostHeader = reader.bool("passHostHeader").orElse(true);
        reader.string("strategy").map(String::trim).ifPresent(strategy -> {
            if (strategy.isEmpty() || strategy.equalsIgnoreCase("wrr") || strategy.equalsIgnoreCase("RoundRobin")) {
                return;
            }
            Optional<String> known = canonical(strategy, UNSUPPORTED_STRATEGIES);
            reader.problem(reader.node("strategy").get().origin(), reader.key("strategy"), known.isPresent()
                    ? "strategy \"" + known.get() + "\" is not supported yet by Junction; only wrr is"
                    : "unknown strategy \"" + strategy + "\", expected wrr");
        });
        reader.ignore("sticky", "healthCheck", "serversTransport", "responseForwarding");
        reader.notSupportedYet("passiveHealthCheck");
        reader.finish();
        if (!problems.isEmpty()) {
            return new ServiceConfig.Invalid(name, service.origin(), problems);
        }
        return new ServiceConfig.LoadBalancer(name, service.origin(), servers, passHostHeader);
    }

    private List<ServiceConfig.Server> servers(OptionReader reader) {
        List<ServiceConfig.Server> servers = new ArrayList<>();
        Optional<ConfigNode> node = reader.node("servers");
        if (node.isEmpty()) {
            return servers;
        }
        if (!(node.get() instanceof ListNode)) {
            reader.problem(node.get().origin(), reader.key("servers"),
                    OptionReader.expected("a list of servers", node.get()));
            return servers;
        }
        List<ConfigNode> items = ((ListNode) node.get()).items();
        for (int i = 0; i < items.size(); i++) {
            String key = reader.key("servers") + "[" + i + "]";
            ConfigNode item = items.get(i);
            if (!(item instanceof MapNode)) {
                reader.problem(item.origin(), key, OptionReader.expected("a server (a map with a url)", item));
                continue;
            }
            OptionReader server = new OptionReader((MapNode) item, key, reader.problems());
            Optional<URI> url = server.string("url").flatMap(text -> url(text, server));
            if (server.node("url").isEmpty()) {
                server.problem(item.origin(), server.key("url"), "a server needs a url");
            }
            int weight = server.smallInteger("weight").orElse(1);
            boolean preservePath = server.bool("preservePath").orElse(false);
            server.finish();
            url.ifPresent(u -> servers.add(new ServiceConfig.Server(u, weight, preservePath)));
        }
        return servers;
    }

    private static Optional<URI> url(String text, OptionReader server) {
        String trimmed = text.trim();
        String hint = "a server url must be an absolute http, https or h2c URL with a host, such as "
                + "\"http://10.0.0.1:8080\", got \"" + text + "\"";
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            server.problem(server.node("url").get().origin(), server.key("url"), hint);
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = scheme.equals("http") || scheme.equals("https") || scheme.equals("h2c");
        if (!schemeOk || ServiceConfig.Server.host(uri).isEmpty()) {
            server.problem(server.node("url").get().origin(), server.key("url"), hint);
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private static Optional<String> canonical(String name, List<String> names) {
        return names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }
}

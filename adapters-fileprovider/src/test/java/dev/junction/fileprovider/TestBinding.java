package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.RouterConfig;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.config.tree.ConfigNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A minimal binder and merger standing in for the application's, enough to see what the provider delivers. */
final class TestBinding {
    private TestBinding() {
    }

    static final Function<ConfigNode.MapNode, DynamicConfiguration> BINDER = TestBinding::bind;
    static final Function<List<DynamicConfiguration>, DynamicConfiguration> MERGER = TestBinding::merge;

    private static DynamicConfiguration bind(ConfigNode.MapNode tree) {
        Map<String, RouterConfig> routers = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        ConfigNode http = tree.entries().get("http");
        if (http instanceof ConfigNode.MapNode) {
            ConfigNode routerNodes = ((ConfigNode.MapNode) http).entries().get("routers");
            if (routerNodes instanceof ConfigNode.MapNode) {
                ((ConfigNode.MapNode) routerNodes).entries().forEach((name, node) -> {
                    ConfigNode.MapNode router = (ConfigNode.MapNode) node;
                    List<String> middlewares = new ArrayList<>();
                    ConfigNode list = router.entries().get("middlewares");
                    if (list instanceof ConfigNode.ListNode) {
                        ((ConfigNode.ListNode) list).items().forEach(item -> middlewares.add(((ConfigNode.ScalarNode) item).text()));
                    }
                    routers.put(name, new RouterConfig(name, router.origin(), text(router, "rule"), text(router, "service"),
                            middlewares, List.of(), 0, List.of()));
                });
            }
            ConfigNode serviceNodes = ((ConfigNode.MapNode) http).entries().get("services");
            if (serviceNodes instanceof ConfigNode.MapNode) {
                ((ConfigNode.MapNode) serviceNodes).entries().forEach((name, node) -> {
                    List<ServiceConfig.Server> servers = new ArrayList<>();
                    ConfigNode list = Trees.at(node, "loadBalancer.servers");
                    ((ConfigNode.ListNode) list).items().forEach(item -> servers.add(
                            new ServiceConfig.Server(URI.create(text((ConfigNode.MapNode) item, "url")), 1, false)));
                    services.put(name, new ServiceConfig.LoadBalancer(name, node.origin(), servers, true));
                });
            }
        }
        return new DynamicConfiguration(routers, Map.of(), services, List.of());
    }

    private static String text(ConfigNode.MapNode map, String key) {
        ConfigNode node = map.entries().get(key);
        return node == null ? "" : ((ConfigNode.ScalarNode) node).text();
    }

    private static DynamicConfiguration merge(List<DynamicConfiguration> fragments) {
        Map<String, RouterConfig> routers = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (DynamicConfiguration fragment : fragments) {
            fragment.routers().forEach(routers::putIfAbsent);
            fragment.services().forEach(services::putIfAbsent);
            problems.addAll(fragment.problems());
        }
        return new DynamicConfiguration(routers, Map.of(), services, problems);
    }
}

package dev.junction.application.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.junction.application.routing.Route;
import dev.junction.application.routing.RoutingSnapshot;
import dev.junction.application.status.ObjectStatus;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.dynamic.RouterConfig;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.port.ForwardRequestPort;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationCompilerTest {
    private static final Origin ORIGIN = new Origin("dynamic.yml", 3);
    private final ForwardRequestPort forwarder = mock(ForwardRequestPort.class);
    private final MiddlewareFactory middlewares = mock(MiddlewareFactory.class);

    private static RouterConfig router(String name, String rule, String service, List<String> middlewares,
                                       List<String> entryPoints, long priority) {
        return new RouterConfig(name, ORIGIN, rule, service, middlewares, entryPoints, priority, List.of());
    }

    private static ServiceConfig service(String name) {
        return new ServiceConfig.LoadBalancer(name, ORIGIN,
                List.of(new ServiceConfig.Server(URI.create("http://127.0.0.1:9"), 1, false)), true);
    }

    private RoutingSnapshot compile(List<RouterConfig> routers, Map<String, MiddlewareConfig> mws) {
        Map<String, RouterConfig> r = new LinkedHashMap<>();
        routers.forEach(x -> r.put(x.name(), x));
        DynamicConfiguration config = new DynamicConfiguration(r, mws, Map.of("whoami", service("whoami")),
                List.of());
        return new ConfigurationCompiler(forwarder, middlewares).compile(Set.of("web", "admin"), config, "file", 1);
    }

    private static ObjectStatus status(RoutingSnapshot s, String name) {
        return s.state().objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ordersRoutesByPriorityWithRuleLengthAsTheDefault() {
        RoutingSnapshot s = compile(List.of(
                router("short", "Host(`a.com`)", "whoami", List.of(), List.of(), 0),
                router("long", "Host(`a.com`) && PathPrefix(`/x`)", "whoami", List.of(), List.of(), 0),
                router("pinned", "Host(`a.com`)", "whoami", List.of(), List.of(), 1000)), Map.of());
        assertEquals(List.of("pinned@file", "long@file", "short@file"),
                s.table("web").routes().stream().map(Route::name).toList());
    }

    @Test
    void disablesOnlyTheRouterWhoseServiceDoesNotExist() {
        RoutingSnapshot s = compile(List.of(
                router("broken", "Host(`a.com`)", "nope", List.of(), List.of(), 0),
                router("fine", "Host(`b.com`)", "whoami@file", List.of(), List.of(), 0)), Map.of());
        assertEquals(ObjectStatus.State.DISABLED, status(s, "broken@file").state());
        assertEquals(List.of("the service \"nope@file\" does not exist"), status(s, "broken@file").messages());
        assertEquals(List.of("fine@file"), s.table("web").routes().stream().map(Route::name).toList());
    }

    @Test
    void disablesARouterWhoseRuleDoesNotParse() {
        RoutingSnapshot s = compile(List.of(router("bad", "Host(`a.com`", "whoami", List.of(), List.of(), 0)),
                Map.of());
        assertEquals(ObjectStatus.State.DISABLED, status(s, "bad@file").state());
        assertTrue(status(s, "bad@file").messages().get(0).startsWith("error while parsing rule"));
    }

    @Test
    void disablesRoutersUsingAMiddlewareInError() {
        MiddlewareConfig invalid = new MiddlewareConfig.Invalid("auth", ORIGIN,
                List.of(new ConfigProblem(ORIGIN, "http.middlewares.auth", "no type")));
        org.mockito.Mockito.when(middlewares.create(org.mockito.ArgumentMatchers.eq(invalid), any()))
                .thenThrow(new ConfigurationException(((MiddlewareConfig.Invalid) invalid).problems()));
        RoutingSnapshot s = compile(List.of(router("r", "Host(`a.com`)", "whoami", List.of("auth"), List.of(), 0)),
                Map.of("auth", invalid));
        assertEquals(ObjectStatus.State.DISABLED, status(s, "auth@file").state());
        assertEquals(ObjectStatus.State.DISABLED, status(s, "r@file").state());
        assertTrue(s.table("web").routes().isEmpty());
    }

    @Test
    void warnsAboutAnUnknownEntryPointAndServesOnTheKnownOnes() {
        RoutingSnapshot s = compile(List.of(router("r", "Host(`a.com`)", "whoami", List.of(), List.of("web", "nope"),
                0)), Map.of());
        assertEquals(ObjectStatus.State.WARNING, status(s, "r@file").state());
        assertEquals(1, s.table("web").routes().size());
        assertTrue(s.table("admin").routes().isEmpty());
    }

    @Test
    void aRouterWithoutEntryPointsServesOnEveryEntryPoint() {
        RoutingSnapshot s = compile(List.of(router("r", "Host(`a.com`)", "whoami", List.of(), List.of(), 0)),
                Map.of());
        assertEquals(1, s.table("web").routes().size());
        assertEquals(1, s.table("admin").routes().size());
    }

    @Test
    void buildsEachMiddlewareOncePerConfiguration() {
        MiddlewareConfig auth = new MiddlewareConfig.BasicAuth("auth", ORIGIN, List.of("u:x"), "", "traefik", "",
                false);
        org.mockito.Mockito.when(middlewares.create(any(), any())).thenReturn((exchange, next) -> next.handle(exchange));
        compile(List.of(router("a", "Host(`a.com`)", "whoami", List.of("auth"), List.of(), 0),
                router("b", "Host(`b.com`)", "whoami", List.of("auth@file"), List.of(), 0)), Map.of("auth", auth));
        verify(middlewares, org.mockito.Mockito.times(1)).create(org.mockito.ArgumentMatchers.eq(auth), any());
    }

    private static MiddlewareConfig chain(String name, String... members) {
        return new MiddlewareConfig.Chain(name, ORIGIN, List.of(members));
    }

    @Test
    void aChainCycleIsAnErrorNamingTheLoopAndDisablesItsRouters() {
        Map<String, MiddlewareConfig> mws = new LinkedHashMap<>();
        mws.put("a", chain("a", "b"));
        mws.put("b", chain("b", "c"));
        mws.put("c", chain("c", "a"));
        RoutingSnapshot s = compile(List.of(router("r", "Host(`a.com`)", "whoami", List.of("a"), List.of(), 0)), mws);
        assertEquals(List.of("chain cycle: a@file -> b@file -> c@file -> a@file"), status(s, "c@file").messages());
        assertEquals(ObjectStatus.State.DISABLED, status(s, "a@file").state());
        assertEquals(ObjectStatus.State.DISABLED, status(s, "r@file").state());
    }

    @Test
    void aChainIsFlattenedIntoItsMembersInOrder() {
        Map<String, MiddlewareConfig> mws = new LinkedHashMap<>();
        MiddlewareConfig one = new MiddlewareConfig.AddPrefix("one", ORIGIN, "/1");
        MiddlewareConfig two = new MiddlewareConfig.AddPrefix("two", ORIGIN, "/2");
        mws.put("one", one);
        mws.put("two", two);
        mws.put("both", chain("both", "two", "one@file"));
        org.mockito.Mockito.when(middlewares.create(org.mockito.ArgumentMatchers.eq(one), any())).thenReturn((exchange, next) -> next.handle(exchange));
        org.mockito.Mockito.when(middlewares.create(org.mockito.ArgumentMatchers.eq(two), any())).thenReturn((exchange, next) -> next.handle(exchange));
        RoutingSnapshot s = compile(List.of(router("r", "Host(`a.com`)", "whoami", List.of("both"), List.of(), 0)), mws);
        assertEquals(ObjectStatus.State.ENABLED, status(s, "both@file").state());
        assertEquals(ObjectStatus.State.ENABLED, status(s, "r@file").state());
        verify(middlewares).create(org.mockito.ArgumentMatchers.eq(one), any());
        verify(middlewares).create(org.mockito.ArgumentMatchers.eq(two), any());
    }

    @Test
    void anEntryPointMiddlewareThatDoesNotExistDisablesTheRoutersOnThatEntryPoint() {
        Map<String, RouterConfig> routers = Map.of("r", router("r", "Host(`a.com`)", "whoami", List.of(), List.of(), 0));
        DynamicConfiguration config = new DynamicConfiguration(routers, Map.of(), Map.of("whoami", service("whoami")),
                List.of());
        RoutingSnapshot s = new ConfigurationCompiler(forwarder, middlewares)
                .compile(Map.of("web", List.of("auth@file")), config, "file", 1);
        assertEquals(List.of("entryPoint \"web\" middleware \"auth@file\" does not exist"),
                status(s, "r@file").messages());
    }
}

package dev.junction.application.config;

import static dev.junction.application.config.ConfigFixtures.yaml;
import static dev.junction.application.config.ConfigFixtures.yamlText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.dynamic.RouterConfig;
import dev.junction.application.proxy.Upstream;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.config.tree.Origin;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DynamicConfigBinderTest {

    private final DynamicConfigBinder binder = new DynamicConfigBinder();
    private final DynamicConfiguration invalidObjects = binder.bind(yaml("dynamic/invalid-objects.yml"));

    private static List<String> texts(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }

    private static String onlyProblem(MiddlewareConfig middleware) {
        MiddlewareConfig.Invalid invalid = assertInstanceOf(MiddlewareConfig.Invalid.class, middleware);
        assertEquals(1, invalid.problems().size(), () -> invalid.problems().toString());
        return invalid.problems().get(0).toString();
    }

    private static String onlyProblem(ServiceConfig service) {
        ServiceConfig.Invalid invalid = assertInstanceOf(ServiceConfig.Invalid.class, service);
        assertEquals(1, invalid.problems().size(), () -> invalid.problems().toString());
        return invalid.problems().get(0).toString();
    }

    private ServiceConfig service(String yaml) {
        return binder.bind(yamlText("d.yml", "http:\n  services:\n    s:\n" + yaml)).services().get("s");
    }

    private MiddlewareConfig middleware(String yaml) {
        return binder.bind(yamlText("d.yml", "http:\n  middlewares:\n    m:\n" + yaml)).middlewares().get("m");
    }

    @Test
    void bindsTheRoutingOverviewExample() {
        DynamicConfiguration config = binder.bind(yaml("dynamic/seed-example.yml"));

        assertEquals(List.of(), config.problems());
        assertEquals(new RouterConfig("to-whoami", new Origin("dynamic/seed-example.yml", 5),
                "Host(`example.com`) && PathPrefix(`/whoami/`)", "whoami", List.of("test-user"), List.of(), 0,
                List.of()), config.routers().get("to-whoami"));
        assertEquals(new MiddlewareConfig.BasicAuth("test-user", new Origin("dynamic/seed-example.yml", 15),
                List.of("test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/"), "", "traefik", "", false),
                config.middlewares().get("test-user"));
        assertEquals(new ServiceConfig.LoadBalancer("whoami", new Origin("dynamic/seed-example.yml", 22),
                List.of(new ServiceConfig.Server(URI.create("http://private/whoami-service"), 1, false)), true),
                config.services().get("whoami"));
    }

    @Test
    void aGoodRouterAcceptsTlsObservabilityAndRuleSyntax() {
        RouterConfig good = invalidObjects.routers().get("good");

        assertEquals(List.of(), good.problems());
        assertEquals(List.of("web"), good.entryPoints());
        assertEquals(10, good.priority());
    }

    @Test
    void aRouterWithAnUnknownKeyIsInvalidAlone() {
        RouterConfig typo = invalidObjects.routers().get("typo");

        assertEquals(List.of("dynamic/invalid-objects.yml:16: http.routers.typo.midlewares: unknown key"),
                texts(typo.problems()));
        assertEquals(List.of(), invalidObjects.routers().get("good").problems());
    }

    @Test
    void aRouterNeedsAService() {
        assertEquals(List.of("dynamic/invalid-objects.yml:18: http.routers.no-service.service: a router needs a service"),
                texts(invalidObjects.routers().get("no-service").problems()));
    }

    @Test
    void aRouterNeedsARule() {
        RouterConfig router = binder.bind(yamlText("d.yml", "http:\n  routers:\n    r:\n      service: s\n"))
                .routers().get("r");

        assertEquals(List.of("d.yml:3: http.routers.r.rule: a router needs a rule"), texts(router.problems()));
    }

    @Test
    void ruleSyntaxV2IsNotSupportedYet() {
        RouterConfig router = binder.bind(yamlText("d.yml",
                "http:\n  routers:\n    r:\n      rule: Path(`/`)\n      service: s\n      ruleSyntax: v2\n"))
                .routers().get("r");

        assertEquals(List.of("d.yml:6: http.routers.r.ruleSyntax: ruleSyntax v2 is not supported yet by Junction; "
                + "only v3 rules are"), texts(router.problems()));
    }

    @Test
    void aMiddlewareWithoutATypeIsInvalid() {
        assertEquals("dynamic/invalid-objects.yml:25: http.middlewares.no-type: middleware \"no-type\" has no type",
                onlyProblem(invalidObjects.middlewares().get("no-type")));
    }

    @Test
    void aMiddlewareWithTwoTypesIsInvalid() {
        assertEquals("dynamic/invalid-objects.yml:26: http.middlewares.two-types: cannot create middleware: "
                + "multi-types middleware not supported, consider declaring two different pieces of middleware "
                + "instead (found basicAuth, stripPrefix)", onlyProblem(invalidObjects.middlewares().get("two-types")));
    }

    @Test
    void aKnownTraefikMiddlewareTypeIsNotSupportedYet() {
        assertEquals("dynamic/invalid-objects.yml:32: http.middlewares.cert.passTLSClientCert: "
                + "middleware type \"passTLSClientCert\" is not supported yet by Junction",
                onlyProblem(invalidObjects.middlewares().get("cert")));
    }

    @Test
    void anUnknownMiddlewareTypeIsNamed() {
        assertEquals("dynamic/invalid-objects.yml:35: http.middlewares.made-up.frobnicate: "
                + "unknown middleware type \"frobnicate\"", onlyProblem(invalidObjects.middlewares().get("made-up")));
    }

    @Test
    void basicAuthDefaultsTheRealmToTraefik() {
        MiddlewareConfig.BasicAuth auth = assertInstanceOf(MiddlewareConfig.BasicAuth.class,
                invalidObjects.middlewares().get("auth"));

        assertEquals(List.of("test:$2y$05$abc"), auth.users());
        assertEquals("traefik", auth.realm());
        assertEquals("", auth.usersFile());
        assertEquals("", auth.headerField());
        assertEquals(false, auth.removeHeader());
    }

    @Test
    void basicAuthReadsEveryOptionWhateverTheCase() {
        MiddlewareConfig.BasicAuth auth = assertInstanceOf(MiddlewareConfig.BasicAuth.class, middleware(
                "      BasicAuth:\n        usersfile: /etc/users\n        REALM: Junction\n"
                        + "        headerField: X-WebAuth-User\n        removeHeader: \"true\"\n"));

        assertEquals(List.of(), auth.users());
        assertEquals("/etc/users", auth.usersFile());
        assertEquals("Junction", auth.realm());
        assertEquals("X-WebAuth-User", auth.headerField());
        assertTrue(auth.removeHeader());
    }

    @Test
    void basicAuthWithoutUsersIsInvalid() {
        assertEquals("d.yml:4: http.middlewares.m.basicAuth: basicAuth needs users or a usersFile",
                onlyProblem(middleware("      basicAuth:\n        realm: x\n")));
    }

    @Test
    void aBasicAuthUserIsNameColonHash() {
        assertEquals("d.yml:6: http.middlewares.m.basicAuth.users[0]: a user must be written name:hash, got \"test\"",
                onlyProblem(middleware("      basicAuth:\n        users:\n          - test\n")));
    }

    @Test
    void basicAuthWithAnUnknownOptionIsInvalid() {
        assertEquals("d.yml:6: http.middlewares.m.basicAuth.relm: unknown key",
                onlyProblem(middleware("      basicAuth:\n        users: [a:b]\n        relm: x\n")));
    }

    @Test
    void aLoadBalancerReadsServersWithDefaults() {
        ServiceConfig.LoadBalancer api = assertInstanceOf(ServiceConfig.LoadBalancer.class,
                invalidObjects.services().get("api"));

        assertEquals(List.of(new ServiceConfig.Server(URI.create("http://10.0.0.1:8080"), 1, false),
                new ServiceConfig.Server(URI.create("h2c://grpc.internal:50051"), 3, true)), api.servers());
        assertTrue(api.passHostHeader());
    }

    @Test
    void aRelativeServerUrlMakesTheServiceInvalid() {
        assertEquals("dynamic/invalid-objects.yml:47: http.services.whoami.loadBalancer.servers[0].url: a server url "
                + "must be an absolute http, https or h2c URL with a host, such as \"http://10.0.0.1:8080\", "
                + "got \"/relative/path\"", onlyProblem(invalidObjects.services().get("whoami")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://10.0.0.1", "http:///nohost", "10.0.0.1:8080", "http://bad host",
        "http://my_app:80x", "http://a*b:8080", "http://my_app:99999"})
    void serverUrlsMustBeHttpHttpsOrH2cWithAHost(String url) {
        ServiceConfig service = service("      loadBalancer:\n        servers:\n          - url: \"" + url + "\"\n");

        assertTrue(onlyProblem(service).startsWith("d.yml:6: http.services.s.loadBalancer.servers[0].url: "),
                onlyProblem(service));
    }

    @Test
    void serverHostsMayHoldUnderscoresAsDockerServiceNamesDo() {
        ServiceConfig.LoadBalancer service = assertInstanceOf(ServiceConfig.LoadBalancer.class, service(
                "      loadBalancer:\n        servers:\n          - url: http://my_app_1:8080/base\n"));
        Upstream upstream = Upstream.of(service.servers().get(0).url(), true);

        assertEquals("my_app_1", upstream.host());
        assertEquals(8080, upstream.port());
        assertEquals("my_app_1:8080", upstream.authority());
        assertEquals("/base", upstream.basePath());
        assertEquals(80, Upstream.of(java.net.URI.create("http://user@my_app"), false).port());
    }

    @Test
    void passHostHeaderCanBeTurnedOff() {
        ServiceConfig.LoadBalancer service = assertInstanceOf(ServiceConfig.LoadBalancer.class, service(
                "      loadBalancer:\n        passHostHeader: false\n        strategy: wrr\n        sticky:\n"
                        + "          cookie: {}\n        healthCheck:\n          path: /health\n"
                        + "        servers:\n          - url: https://a\n"));

        assertEquals(false, service.passHostHeader());
    }

    @Test
    void otherStrategiesAreNotSupportedYet() {
        assertEquals("dynamic/invalid-objects.yml:50: http.services.picky.loadBalancer.strategy: "
                + "strategy \"p2c\" is not supported yet by Junction; only wrr is",
                onlyProblem(invalidObjects.services().get("picky")));
    }

    @Test
    void otherServiceTypesAreNotSupportedYet() {
        assertEquals("dynamic/invalid-objects.yml:54: http.services.split.weighted: "
                + "service type \"weighted\" is not supported yet by Junction",
                onlyProblem(invalidObjects.services().get("split")));
    }

    @Test
    void aServiceWithTwoTypesIsInvalid() {
        assertTrue(onlyProblem(service("      loadBalancer: {}\n      mirroring: {}\n"))
                .startsWith("d.yml:3: http.services.s: cannot create service: multi-types service not supported"));
    }

    @Test
    void aServerWeightMustBeAnInteger() {
        assertEquals("d.yml:7: http.services.s.loadBalancer.servers[0].weight: expected an integer, got \"heavy\"",
                onlyProblem(service("      loadBalancer:\n        servers:\n          - url: http://a\n"
                        + "            weight: heavy\n")));
    }

    @Test
    void unsupportedAndUnknownSectionsAreConfigurationProblemsThatDoNotFailTheRest() {
        assertEquals(List.of(
                "dynamic/invalid-objects.yml:58: tcp: tcp configuration is not supported yet by Junction; "
                        + "the section is ignored",
                "dynamic/invalid-objects.yml:60: tls: tls configuration is not supported yet by Junction; "
                        + "the section is ignored",
                "dynamic/invalid-objects.yml:62: experimental: unknown key"), texts(invalidObjects.problems()));
        assertEquals(List.of("good", "typo", "no-service"), List.copyOf(invalidObjects.routers().keySet()));
    }

    @Test
    void sectionNamesMatchIgnoringCaseAndObjectNamesKeepTheirCase() {
        DynamicConfiguration config = binder.bind(yamlText("d.yml", "HTTP:\n  Routers:\n    My-Router:\n"
                + "      RULE: Path(`/`)\n      Service: My-Service\n  SERVICES:\n    My-Service:\n"
                + "      LoadBalancer:\n        Servers:\n          - URL: http://a\n"));

        assertEquals(List.of(), config.problems());
        assertEquals("My-Service", config.routers().get("My-Router").service());
        assertInstanceOf(ServiceConfig.LoadBalancer.class, config.services().get("My-Service"));
    }

    @Test
    void anEmptyTreeIsAnEmptyConfiguration() {
        assertEquals(DynamicConfiguration.EMPTY, binder.bind(yamlText("d.yml", "")));
    }
}

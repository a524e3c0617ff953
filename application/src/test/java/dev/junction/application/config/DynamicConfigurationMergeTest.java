package dev.junction.application.config;

import static dev.junction.application.config.ConfigFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.dynamic.ServiceConfig;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DynamicConfigurationMergeTest {

    private final DynamicConfigBinder binder = new DynamicConfigBinder();
    private final DynamicConfiguration a = binder.bind(yaml("dynamic/a.yml"));
    private final DynamicConfiguration b = binder.bind(yaml("dynamic/b.yml"));

    @Test
    void theFirstFileWinsADuplicateName() {
        DynamicConfiguration merged = DynamicConfigurationMerge.merge(List.of(a, b));

        assertEquals("Path(`/a`)", merged.routers().get("shared").rule());
        ServiceConfig.LoadBalancer shared = assertInstanceOf(ServiceConfig.LoadBalancer.class,
                merged.services().get("shared"));
        assertEquals(URI.create("http://a.internal"), shared.servers().get(0).url());
    }

    @Test
    void aDuplicateNameIsAProblemNamingBothFiles() {
        List<String> problems = DynamicConfigurationMerge.merge(a, b).problems().stream()
                .map(ConfigProblem::toString).collect(Collectors.toList());

        assertEquals(List.of(
                "dynamic/b.yml:18: udp: udp configuration is not supported yet by Junction; the section is ignored",
                "dynamic/b.yml:3: http.routers.shared: router \"shared\" is defined in both dynamic/a.yml and "
                        + "dynamic/b.yml; dynamic/a.yml wins",
                "dynamic/b.yml:14: http.services.shared: service \"shared\" is defined in both dynamic/a.yml and "
                        + "dynamic/b.yml; dynamic/a.yml wins"), problems);
    }

    @Test
    void namesDefinedOnceAreAllKept() {
        DynamicConfiguration merged = DynamicConfigurationMerge.merge(a, b);

        assertEquals(List.of("shared", "only-b"), List.copyOf(merged.routers().keySet()));
        assertInstanceOf(MiddlewareConfig.BasicAuth.class, merged.middlewares().get("auth"));
    }

    @Test
    void theOrderOfTheFragmentsDecides() {
        assertEquals("Path(`/b`)", DynamicConfigurationMerge.merge(b, a).routers().get("shared").rule());
    }

    @Test
    void nothingMergesToTheEmptyConfiguration() {
        assertEquals(DynamicConfiguration.EMPTY, DynamicConfigurationMerge.merge(List.of()));
    }
}

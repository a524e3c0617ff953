package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.get;
import static dev.junction.bootstrap.e2e.config.E2e.read;
import static dev.junction.bootstrap.e2e.config.E2e.seedRequest;
import static dev.junction.bootstrap.e2e.config.E2e.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.bootstrap.e2e.config.E2e.Backend;
import dev.junction.bootstrap.e2e.config.E2e.RunningJunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed example (routing-overview.md) served end to end from each form its static configuration can take:
 * a YAML file, a TOML file, Traefik-style flags and {@code TRAEFIK_*} environment variables, and the files shipped
 * under examples/.
 */
class SeedExampleE2eTest {
    @TempDir
    Path dir;

    private Backend backend;

    @BeforeEach
    void startBackend() {
        backend = new Backend("whoami-seed");
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void seedExampleInYamlServesTheWhoamiRequestFromTheBackend() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        try (RunningJunction junction = RunningJunction.start(List.of("--configFile=" + staticFile), Map.of())) {
            assertReachesBackend(seedRequest(junction.port()));
        }
    }

    @Test
    void seedExampleInTomlServesTheWhoamiRequestFromTheBackend() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.toml"), E2e.seedDynamicToml(backend.url()));
        Path staticFile = write(dir.resolve("static.toml"), E2e.staticToml(dynamic));

        try (RunningJunction junction = RunningJunction.start(List.of("--configFile=" + staticFile), Map.of())) {
            assertReachesBackend(seedRequest(junction.port()));
        }
    }

    @Test
    void seedExampleAsCliFlagsServesTheWhoamiRequestFromTheBackend() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));

        try (RunningJunction junction = RunningJunction.start(List.of("--entryPoints.web.address=127.0.0.1:0",
                "--providers.file.directory=" + dynamic), Map.of())) {
            assertEquals(Map.of("web", junction.port()), junction.runtime.boundPorts());
            assertReachesBackend(seedRequest(junction.port()));
        }
    }

    @Test
    void seedExampleAsTraefikEnvironmentVariablesServesTheWhoamiRequestFromTheBackend() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));

        try (RunningJunction junction = RunningJunction.start(List.of(), Map.of(
                "TRAEFIK_ENTRYPOINTS_WEB_ADDRESS", "127.0.0.1:0",
                "TRAEFIK_PROVIDERS_FILE_DIRECTORY", dynamic.toString()))) {
            assertEquals(Map.of("web", junction.port()), junction.runtime.boundPorts());
            assertReachesBackend(seedRequest(junction.port()));
        }
    }

    @Test
    void flagsOverrideEnvironmentWhichOverridesTheFile() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        Path staticFile = write(dir.resolve("static.yml"), """
                entryPoints:
                  web:
                    address: "127.0.0.1:1"
                providers:
                  file:
                    directory: "/nonexistent/file-value"
                """);

        try (RunningJunction junction = RunningJunction.start(
                List.of("--configFile=" + staticFile, "--entryPoints.web.address=127.0.0.1:0"),
                Map.of("TRAEFIK_ENTRYPOINTS_WEB_ADDRESS", "127.0.0.1:2",
                        "TRAEFIK_PROVIDERS_FILE_DIRECTORY", dynamic.toString()))) {
            assertReachesBackend(seedRequest(junction.port()));
        }
    }

    @Test
    void shippedYamlExampleServesTheSeedRequestWithOnlyAddressAndServerUrlSubstituted() throws Exception {
        Path examples = E2e.repositoryRoot().resolve("examples/yaml");
        String dynamicText = read(examples.resolve("dynamic/whoami.yml"));
        assertTrue(dynamicText.contains("http://127.0.0.1:8082/whoami-service"), dynamicText);
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"),
                dynamicText.replace("http://127.0.0.1:8082/whoami-service", backend.url() + "/whoami-service"));

        // the shipped static file as is; flags override its address and point it at the substituted copy
        try (RunningJunction junction = RunningJunction.start(List.of(
                "--configFile=" + examples.resolve("static.yml"),
                "--entryPoints.web.address=127.0.0.1:0",
                "--providers.file.directory=" + dynamic), Map.of())) {
            assertEquals(Map.of("web", junction.port()), junction.runtime.boundPorts());
            assertReachesBackend(seedRequest(junction.port()));
        }
    }

    @Test
    void shippedTomlExampleServesTheSeedRequestWithOnlyAddressAndServerUrlSubstituted() throws Exception {
        Path examples = E2e.repositoryRoot().resolve("examples/toml");
        String dynamicText = read(examples.resolve("dynamic/whoami.toml"));
        assertTrue(dynamicText.contains("http://127.0.0.1:8082/whoami-service"), dynamicText);
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.toml"),
                dynamicText.replace("http://127.0.0.1:8082/whoami-service", backend.url() + "/whoami-service"));
        String staticText = read(examples.resolve("static.toml"));
        assertTrue(staticText.contains("address = \":8081\""), staticText);
        assertTrue(staticText.contains("directory = \"examples/toml/dynamic\""), staticText);
        Path staticFile = write(dir.resolve("static.toml"), staticText
                .replace("address = \":8081\"", "address = \"127.0.0.1:0\"")
                .replace("directory = \"examples/toml/dynamic\"", "directory = \"" + dynamic + "\""));

        try (RunningJunction junction = RunningJunction.start(List.of("--configFile=" + staticFile), Map.of())) {
            assertReachesBackend(seedRequest(junction.port()));
        }
    }

    @Test
    void seedExampleAnswers401WithTraefikRealmWithoutOrWithWrongCredentials() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        try (RunningJunction junction = RunningJunction.start(List.of("--configFile=" + staticFile), Map.of())) {
            E2e.Response none = get(junction.port(), "example.com", "/whoami/", null, null);
            E2e.Response wrong = get(junction.port(), "example.com", "/whoami/", "test", "wrong");
            assertEquals(401, none.statusCode());
            assertEquals(401, wrong.statusCode());
            assertEquals("Basic realm=\"traefik\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(0, backend.requests.get(), "a rejected request must not reach the backend");
        }
    }

    @Test
    void seedExampleAnswers404ForAHostOrPathNoRouterMatches() throws Exception {
        Path dynamic = dir.resolve("dynamic");
        write(dynamic.resolve("whoami.yml"), E2e.seedDynamicYaml(backend.url()));
        Path staticFile = write(dir.resolve("static.yml"), E2e.staticYaml(dynamic));

        try (RunningJunction junction = RunningJunction.start(List.of("--configFile=" + staticFile), Map.of())) {
            assertEquals(404, get(junction.port(), "other.example.com", "/whoami/", "test", "test").statusCode());
            assertEquals(404, get(junction.port(), "example.com", "/other/", "test", "test").statusCode());
            assertEquals(0, backend.requests.get());
        }
    }

    private void assertReachesBackend(E2e.Response response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("Hostname: " + backend.name), response.body());
        assertTrue(response.body().contains("GET /whoami/"), response.body());
        assertEquals(1, backend.requests.get());
    }
}

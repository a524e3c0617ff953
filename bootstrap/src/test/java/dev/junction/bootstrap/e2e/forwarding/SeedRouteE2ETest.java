package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The seed's example (Host and PathPrefix rule, BasicAuth user test/test, one server) served end to end. */
@Timeout(60)
class SeedRouteE2ETest {
    @TempDir
    Path dir;
    private Backend whoami;
    private RunningJunction junction;

    @BeforeEach
    void start() throws Exception {
        whoami = Backend.create("whoami", (exchange, seen) ->
                Backend.answer(exchange, 200, "whoami answered " + seen.target()));
        junction = RunningJunction.start(dir, "http:\n"
                + "  routers:\n"
                + "    to-whoami:\n"
                + "      rule: \"Host(`example.com`) && PathPrefix(`/whoami/`)\"\n"
                + "      middlewares:\n"
                + "      - test-user\n"
                + "      service: whoami\n"
                + "  middlewares:\n"
                + "    test-user:\n"
                + "      basicAuth:\n"
                + "        users:\n"
                + "        - test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/\n"
                + "  services:\n"
                + "    whoami:\n"
                + "      loadBalancer:\n"
                + "        servers:\n"
                + "        - url: " + whoami.url() + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        junction.close();
        whoami.close();
    }

    private RawClient.Response get(String host, String path, String credentials) throws Exception {
        return RawClient.exchange(junction.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (credentials == null ? "" : "Authorization: Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    @Test
    void authenticatedRequestReachesTheBackendAndReturnsItsBody() throws Exception {
        RawClient.Response r = get("example.com", "/whoami/", "test:test");
        assertEquals(200, r.status());
        assertEquals("whoami answered /whoami/", r.bodyText());
        assertEquals(1, whoami.hits());
    }

    @Test
    void missingCredentialsGet401WithTraefikRealm() throws Exception {
        RawClient.Response r = get("example.com", "/whoami/", null);
        assertEquals(401, r.status());
        assertEquals("Basic realm=\"traefik\"", r.header("WWW-Authenticate"));
        assertEquals(0, whoami.hits());
    }

    @Test
    void wrongPasswordGets401WithTraefikRealm() throws Exception {
        RawClient.Response r = get("example.com", "/whoami/", "test:wrong");
        assertEquals(401, r.status());
        assertEquals("Basic realm=\"traefik\"", r.header("WWW-Authenticate"));
        assertEquals(0, whoami.hits());
    }

    @Test
    void unmatchedHostGets404PageNotFound() throws Exception {
        RawClient.Response r = get("other.example", "/whoami/", "test:test");
        assertEquals(404, r.status());
        assertEquals("404 page not found\n", r.bodyText());
        assertEquals(0, whoami.hits());
    }

    @Test
    void unmatchedPathGets404PageNotFound() throws Exception {
        RawClient.Response r = get("example.com", "/elsewhere/", "test:test");
        assertEquals(404, r.status());
        assertEquals("404 page not found\n", r.bodyText());
        assertEquals(0, whoami.hits());
    }
}

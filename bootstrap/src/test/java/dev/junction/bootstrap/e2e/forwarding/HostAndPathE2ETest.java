package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What Host and path a backend receives: passHostHeader and the server url's path (preservePath). */
@Timeout(60)
class HostAndPathE2ETest {
    @TempDir
    Path dir;

    private static Backend.Seen forward(RunningJunction junction, Backend backend, String target) throws Exception {
        RawClient.Response r = RawClient.exchange(junction.port(), "GET " + target + " HTTP/1.1\r\n"
                + "Host: client.example:8080\r\nConnection: close\r\n\r\n");
        assertEquals(200, r.status());
        return backend.nextRequest();
    }

    @Test
    void backendSeesTheClientsHostByDefault() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            assertEquals("client.example:8080", forward(junction, backend, "/x").header("Host"));
        }
    }

    @Test
    void passHostHeaderFalseSendsTheServersHostAndPort() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir,
                     RunningJunction.catchAll("        passHostHeader: false\n", backend.url()))) {
            assertEquals("127.0.0.1:" + backend.port(), forward(junction, backend, "/x").header("Host"));
        }
    }

    @Test
    void serverUrlPathIsIgnoredByDefault() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir,
                     RunningJunction.catchAll("", backend.url() + "/base"))) {
            assertEquals("/api/items?q=1", forward(junction, backend, "/api/items?q=1").target());
        }
    }

    @Test
    void preservePathPrependsTheServerUrlPath() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, "http:\n"
                     + "  routers:\n"
                     + "    all:\n"
                     + "      rule: \"PathPrefix(`/`)\"\n"
                     + "      service: backend\n"
                     + "  services:\n"
                     + "    backend:\n"
                     + "      loadBalancer:\n"
                     + "        servers:\n"
                     + "        - url: \"" + backend.url() + "/base\"\n"
                     + "          preservePath: true\n")) {
            assertEquals("/base/api/items?q=1", forward(junction, backend, "/api/items?q=1").target());
        }
    }

    @Test
    void preservePathKeepsEncodedCharactersRaw() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, "http:\n"
                     + "  routers:\n"
                     + "    all:\n"
                     + "      rule: \"PathPrefix(`/`)\"\n"
                     + "      service: backend\n"
                     + "  services:\n"
                     + "    backend:\n"
                     + "      loadBalancer:\n"
                     + "        servers:\n"
                     + "        - url: \"" + backend.url() + "/base\"\n"
                     + "          preservePath: true\n")) {
            // Traefik's own test case: http://example.com/base + /foo%2Fbar -> /base/foo%2Fbar
            assertEquals("/base/foo%2Fbar", forward(junction, backend, "/foo%2Fbar").target());
        }
    }
}

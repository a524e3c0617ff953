package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Servers with {@code h2c://} URLs get HTTP/2 over cleartext with prior knowledge, many requests on one connection. */
@Timeout(60)
class H2cBackendE2ETest {
    @TempDir
    Path dir;

    private static String routedTo(String url) {
        return "http:\n"
                + "  routers:\n"
                + "    all:\n"
                + "      rule: \"PathPrefix(`/`)\"\n"
                + "      service: grpc\n"
                + "  services:\n"
                + "    grpc:\n"
                + "      loadBalancer:\n"
                + "        servers:\n"
                + "        - url: \"" + url + "\"\n";
    }

    @Test
    void anH2cServerIsSpokenToInHttp2AndKeepsTeTrailers() throws Exception {
        try (H2cBackend backend = H2cBackend.echoing("text/plain", new byte[0], Map.of());
             RunningJunction junction = RunningJunction.start(dir, routedTo(backend.url()))) {
            String body = "x".repeat(70_000);
            RawClient.Response r = RawClient.exchange(junction.port(), "POST /svc/Method HTTP/1.1\r\n"
                    + "Host: example.com\r\nTE: trailers\r\nContent-Type: application/grpc\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertEquals(200, r.status());
            assertEquals("HTTP/2.0 POST /svc/Method 70000 bytes, te=trailers, type=application/grpc,"
                    + " host=example.com",
                    r.header("X-Seen"));
            assertEquals(body, r.bodyText());
        }
    }

    @Test
    void concurrentRequestsAllArrive() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (H2cBackend backend = H2cBackend.echoing("text/plain", "ok:".getBytes(), Map.of());
             RunningJunction junction = RunningJunction.start(dir, routedTo(backend.url()))) {
            List<Future<RawClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String path = "/c/" + i;
                answers.add(clients.submit(() -> RawClient.exchange(junction.port(), "GET " + path
                        + " HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")));
            }
            for (int i = 0; i < 40; i++) {
                RawClient.Response r = answers.get(i).get();
                assertEquals(200, r.status());
                assertTrue(r.header("X-Seen").startsWith("HTTP/2.0 GET /c/" + i + " 0 bytes"), r.header("X-Seen"));
                assertEquals("ok:", r.bodyText());
            }
            assertEquals(40, backend.hits());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theServersTrailersFollowTheLastChunkForAnHttp11Client() throws Exception {
        Map<String, String> trailers = new java.util.LinkedHashMap<>();
        trailers.put("grpc-status", "0");
        trailers.put("grpc-message", "done");
        try (H2cBackend backend = H2cBackend.echoing("application/grpc", new byte[0], trailers);
             RunningJunction junction = RunningJunction.start(dir, routedTo(backend.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "POST /svc/M HTTP/1.1\r\n"
                    + "Host: example.com\r\nTE: trailers\r\nContent-Length: 3\r\n\r\nabc");
            assertEquals(200, r.status());
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertEquals("abc", r.bodyText());
            assertEquals(List.of("grpc-status: 0", "grpc-message: done"), r.trailers());
        }
    }
}

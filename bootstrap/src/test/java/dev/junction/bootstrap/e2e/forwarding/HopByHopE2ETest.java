package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Headers that describe one connection stay on their side of Junction, in both directions. */
@Timeout(60)
class HopByHopE2ETest {
    @TempDir
    Path dir;

    @Test
    void requestHopByHopHeadersAndThoseNamedInConnectionDoNotReachTheBackend() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "GET /hop HTTP/1.1\r\n"
                    + "Host: example.com\r\n"
                    + "Connection: keep-alive, x-secret\r\n"
                    + "Keep-Alive: timeout=99\r\n"
                    + "TE: gzip\r\n"
                    + "Proxy-Authorization: Basic cHJveHk6c2VjcmV0\r\n"
                    + "Proxy-Connection: keep-alive\r\n"
                    + "X-Secret: for-junction-only\r\n"
                    + "X-End-To-End: kept\r\n"
                    + "\r\n");
            assertEquals(200, r.status());
            Backend.Seen seen = backend.nextRequest();
            assertEquals("kept", seen.header("X-End-To-End"));
            assertFalse(seen.has("X-Secret"), () -> "backend saw " + seen.headers());
            assertFalse(seen.has("Keep-Alive"), () -> "backend saw " + seen.headers());
            assertFalse(seen.has("TE"), () -> "backend saw " + seen.headers());
            assertFalse(seen.has("Proxy-Authorization"), () -> "backend saw " + seen.headers());
            assertFalse(seen.has("Proxy-Connection"), () -> "backend saw " + seen.headers());
            String connection = seen.header("Connection");
            assertTrue(connection == null || !connection.toLowerCase(Locale.ROOT).contains("x-secret"),
                    () -> "backend saw Connection: " + connection);
        }
    }

    @Test
    void nonWebSocketUpgradeDoesNotReachTheBackend() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "GET /upgrade HTTP/1.1\r\n"
                    + "Host: example.com\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: foo/2\r\n"
                    + "\r\n");
            assertEquals(200, r.status());
            Backend.Seen seen = backend.nextRequest();
            assertFalse(seen.has("Upgrade"), () -> "backend saw " + seen.headers());
            String connection = seen.header("Connection");
            assertTrue(connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade"),
                    () -> "backend saw Connection: " + connection);
        }
    }

    @Test
    void responseHopByHopHeadersAndThoseNamedInConnectionDoNotReachTheClient() throws Exception {
        String body = "hello";
        try (RawBackend backend = new RawBackend(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (RawBackend.readHead(in) != null) {
                out.write(("HTTP/1.1 200 OK\r\n"
                        + "Content-Type: text/plain\r\n"
                        + "Content-Length: " + body.length() + "\r\n"
                        + "Connection: keep-alive, X-Backend-Secret\r\n"
                        + "Keep-Alive: timeout=5, max=100\r\n"
                        + "Proxy-Authenticate: Basic realm=\"backend\"\r\n"
                        + "Proxy-Connection: keep-alive\r\n"
                        + "Upgrade: foo/2\r\n"
                        + "X-Backend-Secret: for-junction-only\r\n"
                        + "X-End-To-End: kept\r\n"
                        + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "GET / HTTP/1.1\r\nHost: example.com\r\n"
                    + "Connection: close\r\n\r\n");
            assertEquals(200, r.status());
            assertEquals(body, r.bodyText());
            assertEquals("kept", r.header("X-End-To-End"));
            assertNull(r.header("X-Backend-Secret"), () -> "client saw " + r.headerNames());
            assertNull(r.header("Keep-Alive"), () -> "client saw " + r.headerNames());
            assertNull(r.header("Proxy-Authenticate"), () -> "client saw " + r.headerNames());
            assertNull(r.header("Proxy-Connection"), () -> "client saw " + r.headerNames());
            assertNull(r.header("Upgrade"), () -> "client saw " + r.headerNames());
            String connection = r.header("Connection");
            assertTrue(connection == null || !connection.toLowerCase(Locale.ROOT).contains("x-backend-secret"),
                    () -> "client saw Connection: " + connection);
        }
    }
}

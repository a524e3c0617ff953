package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The entrypoint's forwarded-headers step and the proxy's X-Forwarded-For, as a backend receives them. */
@Timeout(60)
class ForwardedHeadersE2ETest {
    private static final String SPOOFED = "X-Forwarded-For: 1.2.3.4\r\n"
            + "X-Real-Ip: 1.2.3.4\r\n"
            + "X-Forwarded-Proto: https\r\n"
            + "X-Forwarded-Host: spoofed.example\r\n"
            + "X-Forwarded-Port: 9999\r\n";

    @TempDir
    Path dir;

    private Backend.Seen forward(RunningJunction junction, Backend backend, String host, String extraHeaders)
            throws Exception {
        RawClient.Response r = RawClient.exchange(junction.port(), "GET /headers HTTP/1.1\r\n"
                + "Host: " + host + "\r\n" + extraHeaders + "Connection: close\r\n\r\n");
        assertEquals(200, r.status());
        return backend.nextRequest();
    }

    @Test
    void untrustedClientValuesAreReplacedWithWhatJunctionSaw() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            Backend.Seen seen = forward(junction, backend, "example.com", SPOOFED);
            assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
            assertEquals(1, seen.headers().get("X-Forwarded-For").size());
            assertEquals("127.0.0.1", seen.header("X-Real-Ip"));
            assertEquals("http", seen.header("X-Forwarded-Proto"));
            assertEquals("example.com", seen.header("X-Forwarded-Host"));
            assertEquals("80", seen.header("X-Forwarded-Port"));
            assertNotNull(seen.header("X-Forwarded-Server"));
        }
    }

    @Test
    void forwardedPortComesFromTheHostHeaderNotTheListener() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            Backend.Seen seen = forward(junction, backend, "example.com:8443", "");
            assertEquals("8443", seen.header("X-Forwarded-Port"));
            assertEquals("example.com:8443", seen.header("X-Forwarded-Host"));
        }
    }

    @Test
    void trustedClientValuesAreKeptAndTheClientAppendedToXForwardedFor() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.builder(dir)
                     .entryPoint("    forwardedHeaders:\n      trustedIPs: [\"127.0.0.1/32\"]\n")
                     .dynamic(RunningJunction.catchAll("", backend.url())).start()) {
            Backend.Seen seen = forward(junction, backend, "example.com", SPOOFED);
            assertEquals("1.2.3.4, 127.0.0.1", seen.header("X-Forwarded-For"));
            assertEquals("1.2.3.4", seen.header("X-Real-Ip"));
            assertEquals("https", seen.header("X-Forwarded-Proto"));
            assertEquals("spoofed.example", seen.header("X-Forwarded-Host"));
            assertEquals("9999", seen.header("X-Forwarded-Port"));
        }
    }

    @Test
    void trustedClientWithSeveralXForwardedForLinesGetsThemJoinedThenAppended() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.builder(dir)
                     .entryPoint("    forwardedHeaders:\n      trustedIPs: [\"127.0.0.1/32\"]\n")
                     .dynamic(RunningJunction.catchAll("", backend.url())).start()) {
            Backend.Seen seen = forward(junction, backend, "example.com",
                    "X-Forwarded-For: 1.2.3.4\r\nX-Forwarded-For: 5.6.7.8\r\n");
            assertEquals("1.2.3.4, 5.6.7.8, 127.0.0.1", String.join(", ", seen.headers().get("X-Forwarded-For")));
        }
    }

    @Test
    void underscoreSpellingFromAnUntrustedClientIsStripped() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            Backend.Seen seen = forward(junction, backend, "example.com",
                    "X_Forwarded_For: 1.2.3.4\r\nX_Real_Ip: 1.2.3.4\r\n");
            assertFalse(seen.has("X_Forwarded_For"), () -> "backend saw " + seen.headers());
            assertFalse(seen.has("X_Real_Ip"), () -> "backend saw " + seen.headers());
            assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
        }
    }
}

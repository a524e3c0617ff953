package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's authentication challenge belongs to the client: Junction passes it on, answers nothing on the
 * client's behalf and sends the request once, and a client's credentials reach the backend as the client sent them.
 * A CONNECT is answered 502, as before Junction took HttpClient's protocol step out: Junction opens no tunnels.
 */
@Timeout(60)
class BackendChallengeE2ETest {
    @TempDir
    Path dir;

    @Test
    void aChallengeReachesTheClientAndTheRequestIsSentOnce() throws Exception {
        try (Backend backend = Backend.create("b", (exchange, seen) -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"backend\"");
            Backend.answer(exchange, 401, "who are you?");
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "GET /private HTTP/1.1\r\n"
                    + "Host: example.com\r\n\r\n");
            assertEquals(401, r.status());
            assertEquals("Basic realm=\"backend\"", r.header("WWW-Authenticate"));
            assertEquals("who are you?", r.bodyText());
            assertEquals(1, backend.hits());
        }
    }

    @Test
    void theClientsCredentialsReachTheBackendUntouched() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "GET /private HTTP/1.1\r\n"
                    + "Host: example.com\r\n"
                    + "Authorization: Bearer abc.def\r\n\r\n");
            assertEquals(200, r.status());
            assertEquals("Bearer abc.def", backend.nextRequest().header("Authorization"));
        }
    }

    @Test
    void aConnectRequestIsNeverForwarded() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "CONNECT example.com:443 HTTP/1.1\r\n"
                    + "Host: example.com:443\r\n\r\n");
            assertEquals(502, r.status());
            assertEquals(0, backend.hits());
        }
    }
}

package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed HTTP gets a 4xx or a closed connection and never reaches a backend. Every request here would be
 * forwarded if it were well-formed (one catch-all router, no middleware), so a 4xx cannot come from routing; after
 * each one a well-formed request on a new connection must be the backend's first and only hit.
 */
@Timeout(60)
class BadInputE2ETest {
    @TempDir
    Path dir;
    private Backend backend;
    private RunningJunction junction;

    private void start(String entryPointYaml) throws Exception {
        backend = Backend.named("b");
        junction = RunningJunction.builder(dir).dynamic(RunningJunction.catchAll("", backend.url()))
                .entryPoint(entryPointYaml).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (junction != null) {
            junction.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** Sends {@code request}, expects a 4xx or a close, then proves the listener still forwards a good request. */
    private String assertRefusedWithoutBackend(String request) throws Exception {
        return assertRefusedWithoutBackend(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String assertRefusedWithoutBackend(byte[] request) throws Exception {
        if (junction == null) {
            start("");
        }
        String status = RawClient.statusOfRejected(junction.port(), request);
        String firstLine = new String(request, 0, Math.min(request.length, 60), StandardCharsets.ISO_8859_1);
        System.out.printf("bad input %s -> %s%n", firstLine.replaceAll("[\\r\\n\\x00]", "|"),
                status == null ? "connection closed" : status);
        assertTrue(status == null || status.matches("HTTP/1\\.[01] 4\\d\\d.*"), "answered " + status);
        RawClient.Response control = RawClient.exchange(junction.port(),
                "GET /control HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
        assertEquals(200, control.status());
        assertEquals(1, backend.hits(), "the malformed request reached the backend");
        assertEquals("/control", backend.nextRequest().target());
        return status;
    }

    @Test
    void contentLengthAndTransferEncodingTogetherAreRefused() throws Exception {
        assertRefusedWithoutBackend("POST /smuggle HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @Test
    void twoDifferentContentLengthsAreRefused() throws Exception {
        assertRefusedWithoutBackend("POST /smuggle HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n"
                + "Content-Length: 6\r\n\r\nhello!");
    }

    @Test
    void bareLineFeedInAHeaderValueIsRefused() throws Exception {
        assertRefusedWithoutBackend("GET /lf HTTP/1.1\r\nHost: example.com\r\nX-Smuggle: a\nX-Injected: b\r\n\r\n");
    }

    @Test
    void bareCarriageReturnInAHeaderValueIsRefused() throws Exception {
        assertRefusedWithoutBackend("GET /cr HTTP/1.1\r\nHost: example.com\r\nX-Smuggle: a\rX-Injected: b\r\n\r\n");
    }

    @Test
    void nulInAHeaderValueIsRefused() throws Exception {
        assertRefusedWithoutBackend("GET /nul HTTP/1.1\r\nHost: example.com\r\nX-Nul: a\0b\r\n\r\n");
    }

    @Test
    void headerSectionOverTheSizeLimitGets431Or400() throws Exception {
        StringBuilder request = new StringBuilder("GET /big HTTP/1.1\r\nHost: example.com\r\n");
        String value = "v".repeat(700 * 1024);
        for (int i = 0; i < 3; i++) {
            request.append("X-Big-").append(i).append(": ").append(value).append("\r\n");
        }
        String status = assertRefusedWithoutBackend(request.append("\r\n").toString());
        assertTrue(status == null || status.matches("HTTP/1\\.1 (431|400).*"), status);
    }

    @Test
    void moreHeadersThanTheCountLimitAreRefused() throws Exception {
        StringBuilder request = new StringBuilder("GET /many HTTP/1.1\r\nHost: example.com\r\n");
        for (int i = 0; i < 300; i++) {
            request.append("X-Many-").append(i).append(": v\r\n");
        }
        assertRefusedWithoutBackend(request.append("\r\n").toString());
    }

    @Test
    void overLongRequestLineIsRefused() throws Exception {
        assertRefusedWithoutBackend("GET /" + "a".repeat(2 * 1024 * 1024) + " HTTP/1.1\r\nHost: example.com\r\n\r\n");
    }

    @Test
    void invalidPercentEscapeInThePathGets400() throws Exception {
        String status = assertRefusedWithoutBackend("GET /a%zz HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertTrue(status != null && status.startsWith("HTTP/1.1 400"), "answered " + status);
    }

    @Test
    void literalHashInThePathIsRefused() throws Exception {
        assertRefusedWithoutBackend("GET /a#b HTTP/1.1\r\nHost: example.com\r\n\r\n");
    }

    @Test
    void slowHeadersClientIsCutOffWhileOthersAreServed() throws Exception {
        Duration headerTimeout = Duration.ofSeconds(2);
        start("    transport:\n      respondingTimeouts:\n        readTimeout: 2s\n");
        try (Socket slow = RawClient.connect(junction.port())) {
            slow.setSoTimeout(15_000);
            OutputStream out = slow.getOutputStream();
            byte[] request = "GET /slow HTTP/1.1\r\nHost: example.com\r\nX-Slow: drip-drip-drip-drip-drip-drip\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1);
            long start = System.nanoTime();
            CompletableFuture<Void> dripping = CompletableFuture.runAsync(() -> {
                try {
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(1000); // the attack: one byte a second
                    }
                } catch (IOException | InterruptedException cutOff) {
                    // expected: Junction closed the connection
                }
            });
            // while it drips, another client is served at once
            long served = System.nanoTime();
            RawClient.Response other = RawClient.exchange(junction.port(),
                    "GET /other HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
            long servedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - served);
            assertEquals(200, other.status());
            assertTrue(servedMillis < 1000, "the other client waited " + servedMillis + " ms");

            InputStream in = slow.getInputStream();
            try {
                byte[] answer = in.readAllBytes();
                String text = new String(answer, StandardCharsets.ISO_8859_1);
                assertTrue(text.isEmpty() || text.matches("(?s)HTTP/1\\.1 4\\d\\d.*"), text);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the slow client was not cut off within 15 s");
            } catch (SocketException reset) {
                // a reset is a cut-off too
            }
            long cutOffMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("slow-headers client cut off after %d ms (header timeout %s)%n", cutOffMillis,
                    headerTimeout);
            assertTrue(cutOffMillis < headerTimeout.toMillis() + 3000, "cut off after " + cutOffMillis + " ms");
            slow.close();
            dripping.get(5, TimeUnit.SECONDS);
            assertEquals(1, backend.hits());
        }
    }
}

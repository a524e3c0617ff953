package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the client sees when the backend refuses, stays silent, or dies in the middle of its answer. */
@Timeout(60)
class BackendFailureE2ETest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpRequest get(RunningJunction junction) {
        return HttpRequest.newBuilder(junction.uri("/")).timeout(Duration.ofSeconds(15)).build();
    }

    @Test
    void refusedConnectionGets502AtOnce() throws Exception {
        // bound but never listening, and held for the whole test: connections are refused, and no listener
        // (Junction's own included) can be handed this port meanwhile
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            refusedAtOnce(holder.getLocalPort());
        }
    }

    private void refusedAtOnce(int closedPort) throws Exception {
        try (RunningJunction junction = RunningJunction.start(dir,
                RunningJunction.catchAll("", "http://127.0.0.1:" + closedPort))) {
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(get(junction), HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(502, r.statusCode());
            assertEquals("Bad Gateway", r.body());
            assertTrue(millis < 2000, "502 took " + millis + " ms");
        }
    }

    @Test
    void noResponseHeadersWithinResponseHeaderTimeoutGets504() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawBackend silent = new RawBackend(socket -> {
            RawBackend.readHead(socket.getInputStream());
            release.await(30, TimeUnit.SECONDS);
        });
             RunningJunction junction = RunningJunction.builder(dir)
                     .staticConfig("serversTransport:\n  forwardingTimeouts:\n    responseHeaderTimeout: 500ms\n")
                     .dynamic(RunningJunction.catchAll("", silent.url())).start()) {
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(get(junction), HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            release.countDown();
            assertEquals(504, r.statusCode());
            assertEquals("Gateway Timeout", r.body());
            assertTrue(millis >= 450 && millis < 5000, "504 after " + millis + " ms");
        }
    }

    /** Sends a head promising 100000 bytes, then 1000 of them, then closes. */
    private static RawBackend diesAfterContentLength1000() throws IOException {
        return new RawBackend(socket -> {
            RawBackend.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] some = new byte[1000];
            Arrays.fill(some, (byte) 'x');
            out.write(some);
            out.flush();
        });
    }

    @Test
    void backendDyingMidContentLengthBodyFailsTheClientsResponse() throws Exception {
        try (RawBackend dying = diesAfterContentLength1000();
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", dying.url()))) {
            IOException e = assertThrows(IOException.class,
                    () -> client.send(get(junction), HttpResponse.BodyHandlers.ofByteArray()));
            // and on the wire: the promised length never arrives, the connection just ends
            try (Socket socket = RawClient.connect(junction.port())) {
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                RawClient.Response r = null;
                try {
                    r = RawClient.read(socket.getInputStream());
                } catch (IOException closedOrReset) {
                    // no complete head either: the client cannot mistake this for an answer
                }
                if (r != null) {
                    RawClient.Response got = r;
                    assertTrue(got.closedEarly(), () -> "the client got a complete " + got.statusLine() + " with "
                            + got.body().length + " bytes (Java's client failed with " + e + ")");
                }
            }
        }
    }

    @Test
    void backendDyingMidSmallBodyGets502InsteadOfAPartialAnswer() throws Exception {
        try (RawBackend dying = new RawBackend(socket -> {
            RawBackend.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly ten b"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", dying.url()))) {
            HttpResponse<String> response = client.send(get(junction), HttpResponse.BodyHandlers.ofString());
            assertEquals(502, response.statusCode());
            assertEquals("Bad Gateway", response.body());
        }
    }

    @Test
    void aBackendAnsweringBeforeReadingTheUploadIsRelayedEveryTime() throws Exception {
        try (RawBackend early = new RawBackend(socket -> {
            RawBackend.readHead(socket.getInputStream());
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nearly"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            // a lingering close, as nginx does: closing with unread bytes would reset the answer away
            socket.setSoTimeout(5000);
            try {
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the proxy closed or reset: either way the answer was delivered first
            }
        })) {
            try (RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", early.url()))) {
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(junction.uri("/upload"))
                            .timeout(Duration.ofSeconds(15))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024 * 1024])).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode());
                    assertEquals("early", response.body());
                }
            }
        }
    }

    @Test
    void backendDyingMidChunkedBodyNeverSendsTheLastChunkAndClosesTheConnection() throws Exception {
        try (RawBackend dying = new RawBackend(socket -> {
            RawBackend.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] some = new byte[1000];
            Arrays.fill(some, (byte) 'x');
            out.write("3e8\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(some);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", dying.url()))) {
            try (Socket socket = RawClient.connect(junction.port())) {
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = socket.getInputStream();
                // read everything until the connection closes (a read timeout fails the test: it must close)
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                try {
                    in.transferTo(all);
                } catch (java.net.SocketException reset) {
                    // a reset is a close too
                }
                String wire = all.toString(StandardCharsets.ISO_8859_1);
                assertFalse(wire.contains("\r\n0\r\n\r\n"), "the terminating chunk reached the client:\n" + wire);
                if (!wire.isEmpty()) {
                    assertTrue(wire.startsWith("HTTP/1.1 200"), wire);
                    assertFalse(wire.toLowerCase().contains("content-length"), wire);
                }
            }
            // and Java's client sees a failed response, not a short complete one
            assertThrows(IOException.class, () -> client.send(get(junction), HttpResponse.BodyHandlers.ofByteArray()));
        }
    }
}

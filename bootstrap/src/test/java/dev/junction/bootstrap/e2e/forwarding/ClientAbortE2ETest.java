package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that goes away in the middle of a streamed response frees the backend connection: once a write to the
 * client fails, the backend sees its connection closed instead of being held open for nobody.
 */
@Timeout(60)
class ClientAbortE2ETest {
    @TempDir
    Path dir;

    @Test
    void clientLeavingMidStreamClosesTheBackendConnection() throws Exception {
        CountDownLatch backendSawClose = new CountDownLatch(1);
        CountDownLatch streaming = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread backend = new Thread(() -> endlessStream(server, streaming, backendSawClose), "endless-backend");
            backend.setDaemon(true);
            backend.start();
            String url = "http://127.0.0.1:" + server.getLocalPort();
            try (RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", url))) {
                try (Socket client = RawClient.connect(junction.port())) {
                    client.getOutputStream().write("GET /events HTTP/1.1\r\nHost: a\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    assertTrue(streaming.await(5, TimeUnit.SECONDS));
                    assertTrue(client.getInputStream().read() >= 0, "the stream started");
                }
                assertTrue(backendSawClose.await(10, TimeUnit.SECONDS),
                        "the backend connection must be closed once the client is gone");
            }
        }
    }

    @Test
    void clientLeavingBeforeTheAnswerCancelsTheBackendRequest() throws Exception {
        assertBackendAbandonedWhenClientLeaves("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n", 0,
                "the backend request must be abandoned when its client leaves before the answer");
    }

    @Test
    void clientLeavingAfterSendingItsBodyCancelsTheBackendRequest() throws Exception {
        assertBackendAbandonedWhenClientLeaves("POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", 5,
                "the backend request must be abandoned when its client leaves after sending its body");
    }

    /**
     * Sends {@code request} to a backend that takes it in (head and {@code bodyBytes} of body) and then thinks for
     * up to 30 s; the client leaves once the backend has it all, and the backend must see its connection closed.
     */
    private void assertBackendAbandonedWhenClientLeaves(String request, int bodyBytes, String message)
            throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch backendSawClose = new CountDownLatch(1);
        try (RawBackend slow = new RawBackend(socket -> {
            InputStream in = socket.getInputStream();
            RawBackend.readHead(in);
            if (in.readNBytes(bodyBytes).length == bodyBytes) {
                arrived.countDown();
            }
            socket.setSoTimeout(30_000);
            try {
                if (in.read() < 0) {
                    backendSawClose.countDown();
                }
            } catch (IOException reset) {
                backendSawClose.countDown();
            }
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", slow.url()))) {
            try (Socket client = RawClient.connect(junction.port())) {
                client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                assertTrue(arrived.await(5, TimeUnit.SECONDS));
            }
            assertTrue(backendSawClose.await(5, TimeUnit.SECONDS), message);
        }
    }

    @Test
    void pipelinedRequestsAreStillAnsweredInOrder() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()));
             Socket client = RawClient.connect(junction.port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(("GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /two HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            assertEquals(200, RawClient.read(in).status());
            assertEquals(200, RawClient.read(in).status());
            assertEquals("/one", backend.nextRequest().target());
            assertEquals("/two", backend.nextRequest().target());
        }
    }

    @Test
    void aRequestSentWhileTheFirstWaitsOnItsBackendIsAnsweredNext() throws Exception {
        CountDownLatch secondSent = new CountDownLatch(1);
        try (Backend backend = Backend.create("b", (exchange, seen) -> {
            if (seen.target().equals("/slow")) {
                try {
                    secondSent.await(5, TimeUnit.SECONDS);
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Backend.answer(exchange, 200, seen.target());
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", backend.url()));
             Socket client = RawClient.connect(junction.port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("/slow", backend.nextRequest().target());
            // The first request is read whole and waits on the backend: these bytes reach the watch for a leaving
            // client, which must hand them back to Undertow as the next request.
            client.getOutputStream().write("GET /next HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            secondSent.countDown();
            InputStream in = client.getInputStream();
            RawClient.Response first = RawClient.read(in);
            RawClient.Response second = RawClient.read(in);
            assertEquals(200, first.status());
            assertEquals("/slow", first.bodyText());
            assertEquals(200, second.status());
            assertEquals("/next", second.bodyText());
        }
    }

    /**
     * Answers one request with an event stream: an event every 200 ms, for at most 20 s, until a write fails because
     * the proxy closed the connection. Writing on and on makes the test independent of when the client's close lands
     * relative to the events: Junction's next write to the departed client fails whatever the timing. (An idle
     * backend cannot be told about a departed client before it writes again: Undertow does not read from a
     * connection with a request in flight.)
     */
    private static void endlessStream(ServerSocket server, CountDownLatch streaming, CountDownLatch closed) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] event = "6\r\ntick\n\n\r\n".getBytes(StandardCharsets.US_ASCII);
            out.write(event);
            out.flush();
            streaming.countDown();
            for (int i = 0; i < 100; i++) {
                Thread.sleep(200);
                out.write(event);
                out.flush();
            }
        } catch (IOException e) {
            closed.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTPS backend that speaks HTTP/2: Junction offers h2 through ALPN, as Traefik does for {@code https://}
 * servers, and a body longer than HTTP/2's initial stream window streams through whole (a flow-control window
 * sized for HTTP/1.1 stalled it at 64 KiB). A client that leaves ends only its own exchange.
 */
@Timeout(60)
class H2TlsBackendE2ETest {
    private static final byte[] BODY = new byte[1024 * 1024 + 7];
    private static final byte[] SLOW = "GET /slow HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Set<Object> connections = ConcurrentHashMap.newKeySet();
    private static TestKeys keys;
    private static Undertow backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBackend(@TempDir Path keyDir) throws Exception {
        for (int i = 0; i < BODY.length; i++) {
            BODY[i] = (byte) (i * 31 + 7);
        }
        keys = TestKeys.create(keyDir, "backend", "RSA");
        SSLContext tls = keys.serverContext();
        backend = Undertow.builder()
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setIoThreads(1)
                .setWorkerThreads(2)
                .addHttpsListener(0, "127.0.0.1", tls)
                .setHandler(exchange -> {
                    if (exchange.getRequestPath().equals("/slow")) {
                        connections.add(exchange.getSourceAddress());
                        exchange.dispatch(() -> answerSlowly(exchange));
                        return;
                    }
                    exchange.getResponseHeaders().put(HttpString.tryFromString("X-Protocol"),
                            exchange.getProtocol().toString());
                    exchange.getResponseHeaders().put(HttpString.tryFromString("X-Host"), exchange.getHostAndPort());
                    exchange.getResponseSender().send(ByteBuffer.wrap(BODY));
                })
                .build();
        backend.start();
    }

    /** Half the answer at once, the rest 1.5 s later: long enough for a second request on the same connection. */
    private static void answerSlowly(HttpServerExchange exchange) {
        try {
            exchange.startBlocking();
            OutputStream out = exchange.getOutputStream();
            out.write(new byte[1024]);
            out.flush();
            Thread.sleep(1500);
            out.write(new byte[1024]);
            out.close();
        } catch (IOException | InterruptedException e) {
            exchange.endExchange();
        }
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    private RunningJunction junction() throws Exception {
        int port = ((InetSocketAddress) backend.getListenerInfo().get(0).getAddress()).getPort();
        return RunningJunction.builder(dir)
                .staticConfig("serversTransport:\n  rootCAs:\n    - \"" + keys.certificate() + "\"\n")
                .dynamic(RunningJunction.catchAll("", "https://127.0.0.1:" + port)).start();
    }

    @Test
    void aClientLeavingCancelsOnlyItsOwnExchange() throws Exception {
        try (RunningJunction junction = junction();
             Socket staying = RawClient.connect(junction.port());
             Socket leaving = RawClient.connect(junction.port())) {
            connections.clear();
            staying.getOutputStream().write(SLOW);
            assertTrue(staying.getInputStream().read() >= 0, "the first answer started");
            leaving.getOutputStream().write(SLOW);
            assertTrue(leaving.getInputStream().read() >= 0, "the second answer started");
            assertEquals(2, connections.size(), "HttpClient leases a negotiated h2 connection to one exchange at a"
                    + " time; if it ever shares them, a client leaving must reset its stream, not discard the connection");
            leaving.close();

            RawClient.Response r = RawClient.read(new SequenceInputStream(
                    new ByteArrayInputStream(new byte[] {'H'}), staying.getInputStream()));
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals(2048, r.body().length, "the other stream on that connection still ends whole");
        }
    }

    @Test
    void aLongBodyFromAnHttp2BackendOverTlsArrivesWhole() throws Exception {
        try (RunningJunction junction = junction()) {
            RawClient.Response r = RawClient.exchange(junction.port(),
                    "GET /big HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n");

            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("HTTP/2.0", r.header("X-Protocol"), "ALPN chose h2, as Traefik offers it");
            assertEquals("app.example", r.header("X-Host"), "the client's Host became :authority");
            assertArrayEquals(BODY, r.body());
        }
    }
}

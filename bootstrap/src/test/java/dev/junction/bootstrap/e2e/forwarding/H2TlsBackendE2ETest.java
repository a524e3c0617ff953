package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTPS backend that speaks HTTP/2: Junction offers h2 through ALPN, as Traefik does for {@code https://}
 * servers, and a body longer than HTTP/2's initial stream window streams through whole (a flow-control window
 * sized for HTTP/1.1 stalled it at 64 KiB).
 */
@Timeout(60)
class H2TlsBackendE2ETest {
    private static final byte[] BODY = new byte[1024 * 1024 + 7];
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
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys.keyStore(), TestKeys.PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        backend = Undertow.builder()
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setIoThreads(1)
                .setWorkerThreads(2)
                .addHttpsListener(0, "127.0.0.1", tls)
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(HttpString.tryFromString("X-Protocol"),
                            exchange.getProtocol().toString());
                    exchange.getResponseHeaders().put(HttpString.tryFromString("X-Host"), exchange.getHostAndPort());
                    exchange.getResponseSender().send(ByteBuffer.wrap(BODY));
                })
                .build();
        backend.start();
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Test
    void aLongBodyFromAnHttp2BackendOverTlsArrivesWhole() throws Exception {
        int port = ((InetSocketAddress) backend.getListenerInfo().get(0).getAddress()).getPort();
        try (RunningJunction junction = RunningJunction.builder(dir)
                .staticConfig("serversTransport:\n  rootCAs:\n    - \"" + keys.certificate() + "\"\n")
                .dynamic(RunningJunction.catchAll("", "https://127.0.0.1:" + port)).start()) {
            RawClient.Response r = RawClient.exchange(junction.port(),
                    "GET /big HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n");

            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("HTTP/2.0", r.header("X-Protocol"), "ALPN chose h2, as Traefik offers it");
            assertEquals("app.example", r.header("X-Host"), "the client's Host became :authority");
            assertArrayEquals(BODY, r.body());
        }
    }
}

package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS backends with a self-signed certificate ({@link TestKeys}): refused unless trusted through
 * {@code serversTransport.rootCAs} (a file or inline PEM) or {@code insecureSkipVerify}.
 */
@Timeout(60)
class TlsBackendE2ETest {
    private static Path certificate;
    private static HttpsServer backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHttpsBackend(@TempDir Path keyDir) throws Exception {
        TestKeys keys = TestKeys.create(keyDir, "backend", "RSA");
        certificate = keys.certificate();
        SSLContext tls = keys.serverContext();
        backend = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        backend.setHttpsConfigurator(new HttpsConfigurator(tls));
        backend.createContext("/", exchange -> {
            byte[] body = "secure hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    private static String backendUrl() {
        return "https://127.0.0.1:" + backend.getAddress().getPort();
    }

    private RawClient.Response get(String staticConfig) throws Exception {
        try (RunningJunction junction = RunningJunction.builder(dir).staticConfig(staticConfig)
                .dynamic(RunningJunction.catchAll("", backendUrl())).start()) {
            return RawClient.exchange(junction.port(), "GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        }
    }

    @Test
    void untrustedSelfSignedBackendGets502() throws Exception {
        assertEquals("HTTP/1.1 502 Bad Gateway", get("").statusLine());
    }

    @Test
    void rootCaFileMakesTheBackendTrusted() throws Exception {
        RawClient.Response r = get("serversTransport:\n  rootCAs:\n    - \"" + certificate + "\"\n");
        assertEquals("HTTP/1.1 200 OK", r.statusLine());
        assertEquals("secure hello", r.bodyText());
    }

    @Test
    void inlinePemRootCaMakesTheBackendTrusted() throws Exception {
        String pem = Files.readString(certificate).strip().replace("\n", "\n      ");
        RawClient.Response r = get("serversTransport:\n  rootCAs:\n    - |\n      " + pem + "\n");
        assertEquals("HTTP/1.1 200 OK", r.statusLine());
    }

    @Test
    void insecureSkipVerifyAcceptsAnyCertificate() throws Exception {
        RawClient.Response r = get("serversTransport:\n  insecureSkipVerify: true\n");
        assertEquals("HTTP/1.1 200 OK", r.statusLine());
        assertEquals("secure hello", r.bodyText());
    }
}

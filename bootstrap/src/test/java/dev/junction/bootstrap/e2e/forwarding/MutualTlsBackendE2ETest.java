package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTPS backend that demands a client certificate: reached once the static {@code serversTransport} names the
 * CA it chains to ({@code rootCAs}) and the certificate Junction presents ({@code certificates}), as in Traefik.
 */
@Timeout(60)
class MutualTlsBackendE2ETest {
    private static TestKeys server;
    private static TestKeys client;
    private static HttpsServer backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBackend(@TempDir Path keys) throws Exception {
        server = TestKeys.create(keys, "localhost", "RSA");
        client = TestKeys.create(keys, "junction", "RSA");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(server.keyStore(), TestKeys.PASSWORD.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("junction", client.keyStore().getCertificate("junction"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        backend = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        backend.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                var ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        backend.createContext("/", exchange -> {
            String who;
            try {
                who = ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
            } catch (SSLPeerUnverifiedException e) {
                who = "nobody";
            }
            byte[] body = who.getBytes(StandardCharsets.UTF_8);
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

    private RawClient.Response get(String staticConfig) throws Exception {
        try (RunningJunction junction = RunningJunction.builder(dir).staticConfig(staticConfig)
                .dynamic(RunningJunction.catchAll("", "https://127.0.0.1:" + backend.getAddress().getPort())).start()) {
            return RawClient.exchange(junction.port(), "GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        }
    }

    @Test
    void theBackendSeesJunctionsCertificate() throws Exception {
        RawClient.Response r = get("serversTransport:\n  rootCAs:\n    - \"" + server.certificate() + "\"\n"
                + "  certificates:\n    - certFile: \"" + client.certificate() + "\"\n"
                + "      keyFile: \"" + client.key() + "\"\n");
        assertEquals(200, r.status());
        assertEquals("CN=junction", r.bodyText());
    }

    @Test
    void withoutACertificateTheHandshakeFailsAndTheClientGets502() throws Exception {
        assertEquals(502, get("serversTransport:\n  rootCAs:\n    - \"" + server.certificate() + "\"\n").status());
    }
}

package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
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
 * forwardAuth's {@code tls} block against an HTTPS auth server that demands a client certificate (mutual TLS),
 * with keys made by the JDK's keytool: the auth server's CA, Junction's certificate and key as PEM files.
 */
@Timeout(60)
class ForwardAuthTlsE2ETest {
    private static Path serverCertificate;
    private static Path clientCertificate;
    private static Path clientKey;
    private static HttpsServer auth;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMutualTlsAuthServer(@TempDir Path keys) throws Exception {
        TestKeys server = TestKeys.create(keys, "localhost", "RSA");
        TestKeys client = TestKeys.create(keys, "junction-client", "EC");
        serverCertificate = server.certificate();
        clientCertificate = client.certificate();
        clientKey = client.key();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(server.keyStore(), TestKeys.PASSWORD.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", client.keyStore().getCertificate("junction-client"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        auth = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        auth.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                var ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        auth.createContext("/", exchange -> {
            String user;
            try {
                Certificate[] peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
                user = ((X509Certificate) peer[0]).getSubjectX500Principal().getName();
            } catch (SSLPeerUnverifiedException e) {
                user = "";
            }
            exchange.getResponseHeaders().add("X-Auth-User", user);
            exchange.sendResponseHeaders(user.isEmpty() ? 401 : 200, -1);
            exchange.close();
        });
        auth.start();
    }

    @AfterAll
    static void stopAuthServer() {
        auth.stop(0);
    }

    private RawClient.Response get(Backend backend, String tls) throws Exception {
        String dynamic = "http:\n"
                + "  routers:\n"
                + "    all:\n"
                + "      rule: \"PathPrefix(`/`)\"\n"
                + "      service: backend\n"
                + "      middlewares: [auth]\n"
                + "  middlewares:\n"
                + "    auth:\n"
                + "      forwardAuth:\n"
                + "        address: \"https://127.0.0.1:" + auth.getAddress().getPort() + "/verify\"\n"
                + "        authResponseHeaders: [X-Auth-User]\n"
                + tls
                + "  services:\n"
                + "    backend:\n"
                + "      loadBalancer:\n"
                + "        servers:\n"
                + "        - url: \"" + backend.url() + "\"\n";
        try (RunningJunction junction = RunningJunction.start(dir, dynamic)) {
            return RawClient.exchange(junction.port(), "GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        }
    }

    @Test
    void theAuthServerSeesJunctionsCertificateAndTheBackendTheUserItNamed() throws Exception {
        try (Backend backend = Backend.named("b")) {
            RawClient.Response r = get(backend, "        tls:\n          ca: \"" + serverCertificate + "\"\n"
                    + "          cert: \"" + clientCertificate + "\"\n          key: \"" + clientKey + "\"\n");
            assertEquals(200, r.status());
            assertEquals("CN=junction-client", backend.nextRequest().header("X-Auth-User"));
        }
    }

    @Test
    void inlinePemAndInsecureSkipVerifyWorkToo() throws Exception {
        String cert = Files.readString(clientCertificate).strip().replace("\n", "\n            ");
        String key = Files.readString(clientKey).strip().replace("\n", "\n            ");
        try (Backend backend = Backend.named("b")) {
            RawClient.Response r = get(backend, "        tls:\n          insecureSkipVerify: true\n"
                    + "          cert: |\n            " + cert + "\n          key: |\n            " + key + "\n");
            assertEquals(200, r.status());
        }
    }

    @Test
    void withoutTheCaOrWithoutACertificateTheAuthCallFailsWith500() throws Exception {
        try (Backend backend = Backend.named("b")) {
            assertEquals(500, get(backend, "").status(), "the auth server's certificate is not trusted");
            assertEquals(500, get(backend, "        tls:\n          ca: \"" + serverCertificate + "\"\n").status(),
                    "the auth server demands a certificate");
            assertEquals(0, backend.hits());
        }
    }

    @Test
    void anUnreadableKeyDisablesTheMiddlewareNamingTheFile() throws Exception {
        try (Backend backend = Backend.named("b")) {
            RawClient.Response r = get(backend, "        tls:\n          cert: \"" + clientCertificate + "\"\n"
                    + "          key: \"" + dir.resolve("missing.key") + "\"\n");
            assertEquals(404, r.status(), "the only router uses the broken middleware, so it is disabled");
            assertTrue(backend.hits() == 0);
        }
    }
}

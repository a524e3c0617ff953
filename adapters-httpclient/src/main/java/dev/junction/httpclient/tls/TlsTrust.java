package dev.junction.httpclient.tls;

import dev.junction.domain.config.statics.ClientCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS used for HTTPS backends: the JDK's roots plus the configured {@code rootCAs} (file paths or inline
 * PEM), or, with {@code insecureSkipVerify}, no verification at all; and the client certificates presented to
 * servers that ask for one.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** @throws IllegalArgumentException when a CA, certificate or key cannot be loaded, naming it */
    public static SSLContext context(List<String> rootCAs, boolean insecureSkipVerify,
                                     List<ClientCertificate> certificates) {
        KeyManager[] keys = certificates.isEmpty() ? null
                : PemIdentity.keyManagerFactory(certificates).getKeyManagers();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (insecureSkipVerify) {
                context.init(keys, new TrustManager[] {new TrustEverything()}, null);
            } else {
                context.init(keys, rootCAs.isEmpty() ? null : trustManagerFactory(rootCAs).getTrustManagers(), null);
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Trust in the JDK's roots and these CAs.
     *
     * @throws IllegalArgumentException when a CA cannot be loaded, naming it
     */
    public static TrustManagerFactory trustManagerFactory(List<String> rootCAs) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int n = 0;
            for (TrustManager tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + n++, c);
                    }
                }
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String ca : rootCAs) {
                try (InputStream in = open(ca)) {
                    for (Certificate c : factory.generateCertificates(in)) {
                        store.setCertificateEntry("root-" + n++, c);
                    }
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot load the CA certificates " + rootCAs.stream()
                    .map(ca -> ca.contains("-----BEGIN") ? "(inline PEM)" : ca).toList() + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String ca) throws IOException {
        if (ca.contains("-----BEGIN")) {
            return new ByteArrayInputStream(ca.getBytes(StandardCharsets.US_ASCII));
        }
        return Files.newInputStream(Path.of(ca));
    }

    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

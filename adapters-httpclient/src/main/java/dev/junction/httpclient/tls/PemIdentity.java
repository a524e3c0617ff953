package dev.junction.httpclient.tls;

import dev.junction.domain.config.statics.ClientCertificate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificates Junction presents to servers that ask for one, read from PEM as Traefik reads them: each
 * value a file path or the PEM text itself; keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY})
 * or SEC 1 ({@code EC PRIVATE KEY}) form. The JDK reads only PKCS#8, so the other two are wrapped into it first
 * (a few bytes of DER around the key, no cryptography).
 */
public final class PemIdentity {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final char[] PASSWORD = new char[0];

    private PemIdentity() {
    }

    /** @throws IllegalArgumentException naming the certificate or key that cannot be used, and why */
    public static KeyManagerFactory keyManagerFactory(List<ClientCertificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (ClientCertificate c : certificates) {
                Certificate[] chain = chain(c.cert());
                store.setKeyEntry("client-" + n++, key(c.key()), PASSWORD, chain);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASSWORD);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the client certificate: " + e.getMessage(), e);
        }
    }

    private static Certificate[] chain(String cert) {
        String pem = text(cert, "cert");
        try {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(new Certificate[0]);
            if (chain.length == 0) {
                throw new IllegalArgumentException("cert " + describe(cert) + " holds no certificate");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cert " + describe(cert) + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    static PrivateKey key(String key) {
        String pem = text(key, "key");
        if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException("key " + describe(key)
                    + " is encrypted, and an encrypted key cannot be read without its password");
        }
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
            byte[] pkcs8 = switch (type) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM,
                        tlv(0x04, der)));
                case "EC PRIVATE KEY" -> sequence(concat(new byte[] {0x02, 0x01, 0x00},
                        sequence(concat(EC_PUBLIC_KEY, curveOf(der, key))), tlv(0x04, der)));
                default -> throw new IllegalArgumentException("key " + describe(key) + ": " + type
                        + " is not supported (an encrypted key cannot be read without its password)");
            };
            for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException notThisOne) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException("key " + describe(key) + " is neither an RSA, EC nor EdDSA key");
        }
        throw new IllegalArgumentException("key " + describe(key) + " holds no PEM private key");
    }

    /** The named curve of a SEC 1 key; a truncated or malformed key is refused, never an index error. */
    private static byte[] curveOf(byte[] sec1, String key) {
        try {
            return curve(sec1, key);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException malformed) {
            throw new IllegalArgumentException("key " + describe(key) + ": the EC key is malformed", malformed);
        }
    }

    /** The OID in a SEC 1 key's optional {@code [0]} parameters. */
    private static byte[] curve(byte[] sec1, String key) {
        int at = header(sec1, 0)[0];
        while (at < sec1.length) {
            int[] h = header(sec1, at);
            if ((sec1[at] & 0xff) == 0xa0) {
                byte[] oid = new byte[h[1]];
                System.arraycopy(sec1, h[0], oid, 0, h[1]);
                return oid;
            }
            at = h[0] + h[1];
        }
        throw new IllegalArgumentException("key " + describe(key) + ": the EC key does not name its curve");
    }

    /** The offset of a DER element's content and its length, for the element starting at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int bytes = first & 0x7f;
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + bytes, length};
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The PEM text of a value that is either the text itself or the path of a file holding it. */
    private static String text(String value, String what) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value), StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + value + " cannot be read: no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + value + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String describe(String value) {
        return value.contains("-----BEGIN") ? "(inline PEM)" : value;
    }
}

package dev.junction.httpclient.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemIdentityTest {
    private static final byte[] P256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The content of the OCTET STRING that ends a PKCS#8 structure: the algorithm's own key encoding. */
    private static byte[] inner(byte[] pkcs8) {
        int at = content(pkcs8, 0);
        at = next(pkcs8, at);
        at = next(pkcs8, at);
        int start = content(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, start, next(pkcs8, at));
    }

    private static int content(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? at + 2 : at + 2 + (first & 0x7f);
    }

    private static int next(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
        }
        return content(der, at) + length;
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.write(content.size());
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    @Test
    void readsPkcs8AndPkcs1RsaKeysFromTextOrFile(@TempDir Path dir) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PrivateKey key = rsa.generateKeyPair().getPrivate();
        assertArrayEquals(key.getEncoded(), PemIdentity.key(pem("PRIVATE KEY", key.getEncoded())).getEncoded());
        Path file = dir.resolve("client.key");
        Files.writeString(file, pem("RSA PRIVATE KEY", inner(key.getEncoded())));
        assertArrayEquals(key.getEncoded(), PemIdentity.key(file.toString()).getEncoded());
    }

    @Test
    void readsSec1EcKeysNamingTheirCurve() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = ec.generateKeyPair().getPrivate();
        byte[] sec1 = inner(key.getEncoded());
        int version = content(sec1, 0);
        int privateKey = next(sec1, version);
        byte[] withCurve = tlv(0x30, Arrays.copyOfRange(sec1, version, next(sec1, privateKey)), tlv(0xa0, P256));
        PrivateKey read = PemIdentity.key(pem("EC PRIVATE KEY", withCurve));
        assertEquals("EC", read.getAlgorithm());
        assertEquals(((java.security.interfaces.ECPrivateKey) key).getS(),
                ((java.security.interfaces.ECPrivateKey) read).getS());
    }

    @Test
    void unusableKeysAreRefusedNamingThem(@TempDir Path dir) {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PemIdentity.key(dir.resolve("nope.key").toString()));
        assertTrue(missing.getMessage().contains("nope.key cannot be read"), missing.getMessage());
        IllegalArgumentException encrypted = assertThrows(IllegalArgumentException.class,
                () -> PemIdentity.key(pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3})));
        assertTrue(encrypted.getMessage().contains("encrypted"), encrypted.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PemIdentity.key(pem("CERTIFICATE", new byte[] {1, 2, 3})));
        assertTrue(none.getMessage().contains("holds no PEM private key"), none.getMessage());
    }
}

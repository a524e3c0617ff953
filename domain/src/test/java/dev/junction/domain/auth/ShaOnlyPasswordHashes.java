package dev.junction.domain.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** A test stand-in for the crypto adapter: {@code {SHA}} hashes only, counting every verification. */
final class ShaOnlyPasswordHashes implements PasswordHashes {
    final AtomicInteger verifications = new AtomicInteger();

    static String sha(String password) {
        return "{SHA}" + Base64.getEncoder().encodeToString(sha1(password));
    }

    @Override
    public PasswordHash parse(String encoded) {
        if (!encoded.startsWith("{SHA}")) {
            throw new IllegalArgumentException(UNSUPPORTED_FORMAT);
        }
        byte[] expected = Base64.getDecoder().decode(encoded.substring(5));
        return password -> {
            verifications.incrementAndGet();
            return MessageDigest.isEqual(expected, sha1(password));
        };
    }

    private static byte[] sha1(String password) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

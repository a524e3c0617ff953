package dev.junction.bootstrap.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.junction.domain.auth.PasswordHash;
import dev.junction.domain.auth.PasswordHashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Md5Crypt;

/**
 * {@link PasswordHashes} over well-kept libraries, with Traefik's (go-http-auth's) formats and semantics:
 * <ul>
 *   <li>{@code {SHA}}+base64(SHA-1 of the password), with the JDK's {@link MessageDigest};</li>
 *   <li>{@code $apr1$salt$hash} and {@code $1$salt$hash}, MD5-crypt with commons-codec's {@link Md5Crypt};</li>
 *   <li>bcrypt {@code $2a$ $2b$ $2x$ $2y$} with favre's {@link BCrypt}, all computed the same way as Go's
 *       {@code x/crypto/bcrypt} does (so {@code $2x$} is treated as {@code $2y$}), and only the first 72 bytes of
 *       a longer password used, as Go and OpenBSD do.</li>
 * </ul>
 * Passwords are taken as UTF-8. Results are compared in constant time. Everything else, plaintext and
 * {@code $5$}/{@code $6$} included, is refused when parsing.
 */
public final class CryptPasswordHashes implements PasswordHashes {

    private static final Pattern MD5_CRYPT =
            Pattern.compile("\\$(apr1|1)\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2([abxy])\\$(\\d\\d)\\$[./0-9A-Za-z]{53}");
    private static final int BCRYPT_MIN_COST = 4;
    private static final int BCRYPT_MAX_COST = 31;
    private static final int SHA1_LENGTH = 20;

    @Override
    public PasswordHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.startsWith(Sha1.PREFIX)) {
            return Sha1.parse(encoded);
        }
        if (encoded.startsWith("$apr1$") || encoded.startsWith("$1$")) {
            Matcher m = MD5_CRYPT.matcher(encoded);
            if (!m.matches()) {
                throw new IllegalArgumentException(MALFORMED + ": expected $apr1$ or $1$, a salt of 1 to 8"
                        + " characters and a 22-character hash");
            }
            return new Md5CryptHash(encoded, "$" + m.group(1) + "$");
        }
        if (encoded.startsWith("$2")) {
            Matcher m = BCRYPT.matcher(encoded);
            if (!m.matches()) {
                throw encoded.length() > 3 && encoded.charAt(3) == '$' && "abxy".indexOf(encoded.charAt(2)) >= 0
                        ? new IllegalArgumentException(MALFORMED + ": expected bcrypt $2?$cost$ and 53 characters")
                        : new IllegalArgumentException(UNSUPPORTED_FORMAT);
            }
            int cost = Integer.parseInt(m.group(2));
            if (cost < BCRYPT_MIN_COST || cost > BCRYPT_MAX_COST) {
                throw new IllegalArgumentException(MALFORMED + ": bcrypt cost must be between "
                        + BCRYPT_MIN_COST + " and " + BCRYPT_MAX_COST);
            }
            return BcryptHash.parse(encoded);
        }
        throw new IllegalArgumentException(UNSUPPORTED_FORMAT);
    }

    @Override
    public String toString() {
        return "CryptPasswordHashes[{SHA}, $apr1$, $1$, bcrypt]";
    }

    private static byte[] utf8(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {SHA}}: base64 of the SHA-1 digest of the password. */
    private static final class Sha1 implements PasswordHash {
        static final String PREFIX = "{SHA}";
        private final byte[] digest;

        private Sha1(byte[] digest) {
            this.digest = digest;
        }

        static Sha1 parse(String encoded) {
            String text = encoded.substring(PREFIX.length());
            byte[] digest;
            try {
                digest = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                digest = null;
            }
            // Go compares the base64 text, so only the canonical encoding of a SHA-1 digest can ever match
            if (digest == null || digest.length != SHA1_LENGTH
                    || !Base64.getEncoder().encodeToString(digest).equals(text)) {
                throw new IllegalArgumentException(MALFORMED + ": expected {SHA} and the base64 of 20 bytes");
            }
            return new Sha1(digest);
        }

        @Override
        public boolean matches(String password) {
            try {
                return MessageDigest.isEqual(digest, MessageDigest.getInstance("SHA-1").digest(utf8(password)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this JDK", e);
            }
        }

        @Override
        public String toString() {
            return "PasswordHash[{SHA}]";
        }
    }

    /** MD5-crypt with the magic of the hash: {@code $apr1$} (Apache) or {@code $1$} (crypt(3)). */
    private static final class Md5CryptHash implements PasswordHash {
        private final String encoded;
        private final byte[] expected;
        private final String magic;

        Md5CryptHash(String encoded, String magic) {
            this.encoded = encoded;
            this.expected = encoded.getBytes(StandardCharsets.US_ASCII);
            this.magic = magic;
        }

        @Override
        public boolean matches(String password) {
            String computed = Md5Crypt.md5Crypt(utf8(password), encoded, magic);
            return MessageDigest.isEqual(expected, computed.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() {
            return "PasswordHash[" + magic + " MD5-crypt]";
        }
    }

    /** bcrypt, parsed once; verifying recomputes at the hash's own cost. */
    private static final class BcryptHash implements PasswordHash {
        /** Blowfish keys with at most 72 bytes; Go and OpenBSD ignore the rest of a longer password. */
        private static final int MAX_PASSWORD_BYTES = 72;
        private static final BCrypt.Verifyer VERIFYER =
                BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.none());

        private final String prefix;
        private final int cost;
        private final byte[] encoded;

        private BcryptHash(String prefix, int cost, byte[] encoded) {
            this.prefix = prefix;
            this.cost = cost;
            this.encoded = encoded;
        }

        static BcryptHash parse(String encoded) {
            byte[] bytes = encoded.getBytes(StandardCharsets.US_ASCII);
            BCrypt.HashData data;
            try {
                data = BCrypt.Version.VERSION_2A.parser.parse(bytes);
            } catch (IllegalBCryptFormatException e) {
                throw new IllegalArgumentException(MALFORMED + ": " + e.getMessage());
            }
            return new BcryptHash(encoded.substring(0, 4), data.cost, bytes);
        }

        @Override
        public boolean matches(String password) {
            byte[] key = utf8(password);
            if (key.length > MAX_PASSWORD_BYTES) {
                key = Arrays.copyOf(key, MAX_PASSWORD_BYTES);
            }
            BCrypt.Result result = VERIFYER.verify(key, encoded);
            return result.validFormat && result.verified;
        }

        @Override
        public String toString() {
            return "PasswordHash[bcrypt " + prefix + " cost " + cost + "]";
        }
    }
}

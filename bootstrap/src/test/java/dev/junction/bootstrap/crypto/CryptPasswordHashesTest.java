package dev.junction.bootstrap.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.junction.domain.auth.PasswordHash;
import dev.junction.domain.auth.PasswordHashes;
import org.junit.jupiter.api.Test;

class CryptPasswordHashesTest {
    private final PasswordHashes hashes = new CryptPasswordHashes();

    private void assertMatchesOnly(String encoded, String password) {
        PasswordHash hash = hashes.parse(encoded);
        assertTrue(hash.matches(password), encoded + " should match " + password);
        assertTrue(hash.matches(password), "a hash verifies more than once");
        assertFalse(hash.matches(password + "x"), encoded);
        assertFalse(hash.matches("wrong"), encoded);
        assertFalse(hash.matches(""), encoded);
    }

    private void assertRefused(String encoded, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hashes.parse(encoded));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        if (encoded.length() > 8) {
            assertFalse(e.getMessage().contains(encoded), "the message must not repeat the hash");
        }
    }

    @Test
    void apr1OfTheSeedUserMatchesItsPasswordOnly() {
        assertMatchesOnly("$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/", "test");
    }

    @Test
    void apr1OfANonAsciiPasswordUsesUtf8() {
        assertMatchesOnly("$apr1$saltsalt$i5XfNxJNeh2E8ljXycZFm0", "pässwörd");
    }

    @Test
    void md5CryptMatchesItsPasswordOnly() {
        assertMatchesOnly("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/", "password");
    }

    @Test
    void md5CryptWithAShortSaltMatches() {
        PasswordHash hash = hashes.parse("$1$abc$Or2rbeUYTvt12aiVzMuS/.");
        assertTrue(hash.matches(""));
        assertFalse(hash.matches("x"));
    }

    @Test
    void shaMatchesItsPasswordOnly() {
        assertMatchesOnly("{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", "password");
    }

    @Test
    void bcryptMadeByTheLibraryVerifiesInEveryVariant() {
        for (BCrypt.Version version : new BCrypt.Version[] {BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B,
                BCrypt.Version.VERSION_2Y, BCrypt.Version.VERSION_2X}) {
            String encoded = BCrypt.with(version).hashToString(4, "s3cret".toCharArray());
            assertEquals("$2" + (char) version.versionIdentifier[1] + "$04$", encoded.substring(0, 7));
            assertMatchesOnly(encoded, "s3cret");
        }
    }

    @Test
    void bcryptMadeByCrypt3VerifiesInEveryVariant() {
        // libxcrypt crypt(3), salt "abcdefghijklmnopqrstuu", cost 5, password "test"
        for (String prefix : new String[] {"$2a$", "$2b$", "$2x$", "$2y$"}) {
            assertMatchesOnly(prefix + "05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri", "test");
        }
    }

    @Test
    void bcryptOfAnEmptyPasswordVerifies() {
        PasswordHash hash = hashes.parse("$2b$05$abcdefghijklmnopqrstuu0oImNDIy4flhldV9YqunRgBAePKmw7m");
        assertTrue(hash.matches(""));
        assertFalse(hash.matches("x"));
    }

    @Test
    void bcryptOfANonAsciiPasswordUsesUtf8() {
        assertMatchesOnly("$2b$05$abcdefghijklmnopqrstuuZVEMa1pjhlynBQ1qXmSvGBJpN9h1w8G", "pässwörd");
    }

    @Test
    void bcryptUsesTheFirst72BytesOfALongerPasswordLikeGoAndOpenBsd() {
        // crypt(3) hashes of 71 and of 72 (or more) 'x'
        PasswordHash of71 = hashes.parse("$2b$05$abcdefghijklmnopqrstuufmnYtZf4/LVIEdk8v40tikf/KPsqQ4m");
        PasswordHash of72 = hashes.parse("$2b$05$abcdefghijklmnopqrstuujf8SX2ahXLwp9w/B.Y5XdysS6yR576q");

        assertTrue(of71.matches("x".repeat(71)));
        assertFalse(of71.matches("x".repeat(72)));
        assertTrue(of72.matches("x".repeat(72)));
        assertTrue(of72.matches("x".repeat(80)));
        assertTrue(of72.matches("x".repeat(72) + "anything"));
        assertFalse(of72.matches("x".repeat(71)));
        assertFalse(of72.matches("x".repeat(100_000).replace('x', 'y')));
    }

    @Test
    void plaintextIsRefused() {
        assertRefused("test", PasswordHashes.UNSUPPORTED_FORMAT);
        assertRefused("", PasswordHashes.UNSUPPORTED_FORMAT);
    }

    @Test
    void shaCryptIsRefused() {
        assertRefused("$5$rounds=5000$saltsalt$Gb4lXC9oa0Cm6lvQqUU3Y8wRWUBlxkEFLHPUs9Z2mU7", PasswordHashes.UNSUPPORTED_FORMAT);
        assertRefused("$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/",
                PasswordHashes.UNSUPPORTED_FORMAT);
    }

    @Test
    void otherPrefixesAreRefused() {
        assertRefused("{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", PasswordHashes.UNSUPPORTED_FORMAT);
        assertRefused("$2$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri", PasswordHashes.UNSUPPORTED_FORMAT);
        assertRefused("$2z$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri",
                PasswordHashes.UNSUPPORTED_FORMAT);
        assertRefused("$apr2$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/", PasswordHashes.UNSUPPORTED_FORMAT);
    }

    @Test
    void malformedHashesOfSupportedFormatsAreRefused() {
        assertRefused("{SHA}", PasswordHashes.MALFORMED);
        assertRefused("{SHA}not base64!", PasswordHashes.MALFORMED);
        assertRefused("{SHA}cGFzc3dvcmQ=", PasswordHashes.MALFORMED);
        assertRefused("$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj", PasswordHashes.MALFORMED);
        assertRefused("$apr1$H6uskkkWx$IgXLP6ewTrSuBkTrqE8wj/", PasswordHashes.MALFORMED);
        assertRefused("$apr1$$IgXLP6ewTrSuBkTrqE8wj/", PasswordHashes.MALFORMED);
        assertRefused("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/ ", PasswordHashes.MALFORMED);
        assertRefused("$2y$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.R", PasswordHashes.MALFORMED);
        assertRefused("$2y$03$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri", PasswordHashes.MALFORMED);
        assertRefused("$2y$32$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri", PasswordHashes.MALFORMED);
    }

    @Test
    void toStringNamesTheSchemeButNotTheHash() {
        assertEquals("PasswordHash[$apr1$ MD5-crypt]",
                hashes.parse("$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/").toString());
        assertEquals("PasswordHash[$1$ MD5-crypt]", hashes.parse("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/").toString());
        assertEquals("PasswordHash[{SHA}]", hashes.parse("{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=").toString());
        assertEquals("PasswordHash[bcrypt $2y$ cost 5]",
                hashes.parse("$2y$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri").toString());
    }
}

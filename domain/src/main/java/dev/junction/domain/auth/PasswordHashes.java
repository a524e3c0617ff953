package dev.junction.domain.auth;

/**
 * Port: turns an encoded password hash, as written in a {@code basicAuth} users list or an htpasswd file, into a
 * {@link PasswordHash}.
 *
 * <p>It is a port, not domain code, because the domain depends on the JDK only while password hashing must come
 * from well-kept cryptography libraries (MD5-crypt, bcrypt) rather than be hand-rolled here. An adapter
 * implements it; the domain and the application only ever see {@link PasswordHash}.
 *
 * <p>The formats are Traefik's (go-http-auth): {@code {SHA}}+base64(SHA-1), {@code $apr1$…} and {@code $1$…}
 * (MD5-crypt), bcrypt {@code $2a$ $2b$ $2x$ $2y$}. Plaintext, {@code $5$}, {@code $6$} and anything else are
 * refused when parsing, so a hash that could never match is a configuration error rather than a silent 401.
 */
public interface PasswordHashes {

    /** The message of the {@link IllegalArgumentException} thrown for a hash in no supported format. */
    String UNSUPPORTED_FORMAT = "unsupported password hash format";

    /** The message of the {@link IllegalArgumentException} thrown for a supported format that is malformed. */
    String MALFORMED = "malformed password hash";

    /**
     * Parses {@code encoded} once, so verifying on the request path does no parsing.
     *
     * @throws IllegalArgumentException with {@link #UNSUPPORTED_FORMAT} when the format is not supported, or
     *         {@link #MALFORMED} (optionally followed by a detail) when it is recognised but cannot be decoded.
     *         The message never repeats the hash itself.
     */
    PasswordHash parse(String encoded);
}

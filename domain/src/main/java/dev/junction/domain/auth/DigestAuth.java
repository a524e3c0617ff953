package dev.junction.domain.auth;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.middleware.Middleware;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Traefik's {@code digestAuth} middleware (RFC 2617, MD5, {@code qop=auth}, as go-http-auth implements it). Users
 * are {@code user:realm:HA1} with {@code HA1 = MD5(user:realm:password)}; only users of the middleware's realm
 * can log in. A nonce is accepted only if Junction issued it and its request counter grows, so a captured
 * response cannot be replayed; at most {@link #NONCES} nonces are remembered (the oldest are forgotten first).
 * Anything missing, malformed or wrong gets 401 with a fresh challenge. On success {@code headerField} carries the
 * user name and {@code removeHeader} drops {@code Authorization}.
 */
public final class DigestAuth implements Middleware {
    static final int NONCES = 1000;
    private static final String AUTHORIZATION = "Authorization";

    private final Map<String, String> ha1ByUser;
    private final String realm;
    private final String headerField;
    private final boolean removeHeader;
    private final RandomGenerator random;
    private final String opaque;
    private final Map<String, Long> nonces = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > NONCES;
        }
    };

    /**
     * @param users  {@code user:realm:HA1} lines, already checked to have three parts
     * @param random where nonces and the opaque value come from (a secure generator in production)
     */
    public DigestAuth(Iterable<String> users, String realm, String headerField, boolean removeHeader,
                      RandomGenerator random) {
        this.realm = Objects.requireNonNull(realm, "realm");
        Map<String, String> byUser = new LinkedHashMap<>();
        for (String line : users) {
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("a digestAuth user must be written user:realm:HA1");
            }
            if (parts[1].equals(realm)) {
                byUser.put(parts[0], parts[2].toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (byUser.isEmpty()) {
            throw new IllegalArgumentException("digestAuth has no user in the realm \"" + realm + "\"");
        }
        this.ha1ByUser = Collections.unmodifiableMap(byUser);
        this.headerField = Objects.requireNonNull(headerField, "headerField");
        this.removeHeader = removeHeader;
        this.random = Objects.requireNonNull(random, "random");
        this.opaque = randomHex();
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String user = authenticated(exchange);
        if (user == null) {
            ListHeaders headers = PlainAnswer.headers();
            headers.set("WWW-Authenticate", "Digest realm=\"" + realm + "\", nonce=\"" + issueNonce()
                    + "\", opaque=\"" + opaque + "\", algorithm=\"MD5\", qop=\"auth\"");
            exchange.respond(401, headers, BasicAuth.UNAUTHORIZED_BODY);
            return;
        }
        if (removeHeader) {
            exchange.requestHeaders().remove(AUTHORIZATION);
        }
        if (!headerField.isEmpty()) {
            exchange.requestHeaders().set(headerField, user);
        }
        next.handle(exchange);
    }

    private String authenticated(Exchange exchange) {
        String header = exchange.requestHeaders().first(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return null;
        }
        Map<String, String> p = DigestParameters.parse(header.substring(7));
        String user = p.get("username");
        String ha1 = user == null ? null : ha1ByUser.get(user);
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        String response = p.get("response");
        if (ha1 == null || nonce == null || uri == null || nc == null || cnonce == null || response == null
                || !"auth".equals(p.get("qop")) || !realm.equals(p.get("realm"))
                || (p.containsKey("opaque") && !opaque.equals(p.get("opaque")))) {
            return null;
        }
        String query = exchange.rawQuery();
        if (!uri.equals(exchange.rawPath() + (query == null ? "" : "?" + query))) {
            return null;
        }
        long count;
        try {
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return null;
        }
        String ha2 = md5(exchange.method() + ":" + uri);
        String expected = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        synchronized (nonces) {
            Long last = nonces.get(nonce);
            if (last == null || count <= last) {
                return null;
            }
            nonces.put(nonce, count);
        }
        return user;
    }

    private String issueNonce() {
        String nonce = randomHex();
        synchronized (nonces) {
            nonces.put(nonce, 0L);
        }
        return nonce;
    }

    private String randomHex() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    @Override
    public String toString() {
        return "digestAuth " + realm + " " + ha1ByUser.keySet();
    }
}

package dev.junction.domain.auth;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.Middleware;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Traefik's {@code basicAuth} middleware: lets a request through when its {@code Authorization: Basic} credentials
 * name a known user and that user's password, and answers {@code 401} with a {@code WWW-Authenticate} challenge
 * otherwise. A missing or malformed header is a 401 as well, never a 500.
 *
 * <p>Verifying a password can be CPU heavy (bcrypt), so it runs through {@link Exchange#offload} and the chain
 * continues from there. An unknown user costs the same as a known one: the password is verified against a known
 * user's hash (the first in the map's order) and the request refused whatever the outcome, so response time
 * does not tell which user names exist.
 *
 * <p>On success, a non-empty {@code headerField} is set to the user name under exactly the given key, and with
 * {@code removeHeader} the {@code Authorization} header is removed before the request goes on.
 */
public final class BasicAuth implements Middleware {

    /** The body of every refusal, as Traefik writes it. */
    public static final String UNAUTHORIZED_BODY = "401 Unauthorized\n";

    private static final String AUTHORIZATION = "Authorization";
    private static final String BASIC_PREFIX = "Basic ";

    private final Map<String, PasswordHash> users;
    private final PasswordHash unknownUserReference;
    private final String realm;
    private final String challenge;
    private final String headerField;
    private final boolean removeHeader;

    /**
     * @param users        user name to password hash; at least one (an empty set is a configuration error)
     * @param realm        the realm named in the challenge
     * @param headerField  the request header that receives the authenticated user name; "" for none
     * @param removeHeader whether to drop {@code Authorization} before forwarding
     */
    public BasicAuth(Map<String, PasswordHash> users, String realm, String headerField, boolean removeHeader) {
        Objects.requireNonNull(users, "users");
        if (users.isEmpty()) {
            throw new IllegalArgumentException("basicAuth needs at least one user");
        }
        Map<String, PasswordHash> copy = new LinkedHashMap<>();
        users.forEach((name, hash) -> copy.put(Objects.requireNonNull(name, "user name"),
                Objects.requireNonNull(hash, "password hash")));
        this.users = Collections.unmodifiableMap(copy);
        this.unknownUserReference = copy.values().iterator().next();
        this.realm = Objects.requireNonNull(realm, "realm");
        this.challenge = "Basic realm=\"" + realm + "\"";
        this.headerField = Objects.requireNonNull(headerField, "headerField");
        this.removeHeader = removeHeader;
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        Objects.requireNonNull(next, "next");
        Credentials credentials = Credentials.parse(exchange.requestHeaders().first(AUTHORIZATION));
        if (credentials == null) {
            refuse(exchange);
            return;
        }
        exchange.offload(() -> verifyThenContinue(exchange, next, credentials));
    }

    private void verifyThenContinue(Exchange exchange, HttpHandler next, Credentials credentials) {
        PasswordHash known = users.get(credentials.user);
        if (!verify(known, credentials.password)) {
            refuse(exchange);
            return;
        }
        if (!headerField.isEmpty()) {
            exchange.requestHeaders().set(headerField, credentials.user);
        }
        if (removeHeader) {
            exchange.requestHeaders().remove(AUTHORIZATION);
        }
        next.handle(exchange);
    }

    /** Always does one verification, against the reference hash when the user is unknown. */
    private boolean verify(PasswordHash known, String password) {
        boolean userExists = known != null;
        PasswordHash hash = userExists ? known : unknownUserReference;
        boolean matches;
        try {
            matches = hash.matches(password);
        } catch (RuntimeException e) {
            matches = false;
        }
        return matches & userExists;
    }

    private void refuse(Exchange exchange) {
        ListHeaders headers = new ListHeaders();
        headers.set("WWW-Authenticate", challenge);
        headers.set("Content-Type", "text/plain; charset=utf-8");
        exchange.respond(401, headers, UNAUTHORIZED_BODY);
    }

    @Override
    public String toString() {
        return "BasicAuth[realm=" + realm + ", users=" + users.size()
                + (headerField.isEmpty() ? "" : ", headerField=" + headerField)
                + (removeHeader ? ", removeHeader" : "") + "]";
    }

    /** The user name and password of an {@code Authorization: Basic} header, as Go's {@code Request.BasicAuth}. */
    private static final class Credentials {
        final String user;
        final String password;

        private Credentials(String user, String password) {
            this.user = user;
            this.password = password;
        }

        /** Null when the header is absent, not Basic, not base64, or has no ':' between user and password. */
        static Credentials parse(String header) {
            if (header == null || !header.regionMatches(true, 0, BASIC_PREFIX, 0, BASIC_PREFIX.length())) {
                return null;
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(header.substring(BASIC_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
            String userAndPassword = new String(decoded, StandardCharsets.UTF_8);
            int colon = userAndPassword.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new Credentials(userAndPassword.substring(0, colon), userAndPassword.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }
}

package dev.junction.domain.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
    private final ShaOnlyPasswordHashes hashes = new ShaOnlyPasswordHashes();
    private final List<Exchange> forwarded = new ArrayList<>();
    private final HttpHandler next = forwarded::add;

    private BasicAuth basicAuth(String realm, String headerField, boolean removeHeader) {
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        users.put("test", hashes.parse(ShaOnlyPasswordHashes.sha("test")));
        users.put("alice", hashes.parse(ShaOnlyPasswordHashes.sha("p:ss wörd")));
        return new BasicAuth(users, realm, headerField, removeHeader);
    }

    private BasicAuth basicAuth() {
        return basicAuth("traefik", "", false);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private FakeExchange run(BasicAuth middleware, FakeExchange exchange) {
        middleware.handle(exchange, next);
        exchange.runOffloaded();
        return exchange;
    }

    private void assertRefused(FakeExchange exchange, String realm) {
        assertEquals(401, exchange.status);
        assertEquals(1, exchange.answers);
        assertEquals("Basic realm=\"" + realm + "\"", exchange.responseHeaders.first("WWW-Authenticate"));
        assertEquals("text/plain; charset=utf-8", exchange.responseHeaders.first("Content-Type"));
        assertEquals("401 Unauthorized\n", exchange.responseBody);
        assertTrue(forwarded.isEmpty(), "the request must not reach the next handler");
    }

    @Test
    void rightPasswordContinuesWithTheChain() {
        FakeExchange exchange = run(basicAuth(), new FakeExchange().header("Authorization", basic("test:test")));

        assertEquals(List.of(exchange), forwarded);
        assertEquals(0, exchange.answers);
        assertEquals(basic("test:test"), exchange.requestHeaders().first("Authorization"));
    }

    @Test
    void passwordMayContainColonsAndNonAsciiCharacters() {
        run(basicAuth(), new FakeExchange().header("Authorization", basic("alice:p:ss wörd")));

        assertEquals(1, forwarded.size());
    }

    @Test
    void schemeIsCaseInsensitive() {
        String header = "bAsIc " + basic("test:test").substring("Basic ".length());

        run(basicAuth(), new FakeExchange().header("Authorization", header));

        assertEquals(1, forwarded.size());
    }

    @Test
    void wrongPasswordIsRefusedWithChallenge() {
        assertRefused(run(basicAuth(), new FakeExchange().header("Authorization", basic("test:wrong"))),
                "traefik");
    }

    @Test
    void challengeNamesTheConfiguredRealm() {
        assertRefused(run(basicAuth("my realm", "", false), new FakeExchange()), "my realm");
    }

    @Test
    void missingHeaderIsRefusedWithoutHashing() {
        FakeExchange exchange = new FakeExchange();

        basicAuth().handle(exchange, next);

        assertEquals(0, exchange.pendingOffloaded());
        assertRefused(exchange, "traefik");
        assertEquals(0, hashes.verifications.get());
    }

    @Test
    void malformedHeadersAreRefusedNeverFailed() {
        for (String header : List.of("", "Basic", "Basic ", "Bearer abc", "Basic !!!not-base64!!!",
                basic("no-colon"), "Basic dGVzdDp0ZXN0=====", "Digest " + basic("test:test").substring(6))) {
            forwarded.clear();
            assertRefused(run(basicAuth(), new FakeExchange().header("Authorization", header)), "traefik");
        }
    }

    @Test
    void unknownUserIsRefusedEvenWithAKnownUsersPassword() {
        assertRefused(run(basicAuth(), new FakeExchange().header("Authorization", basic("ghost:test"))),
                "traefik");
    }

    @Test
    void unknownUserCostsOneVerificationLikeAKnownUser() {
        run(basicAuth(), new FakeExchange().header("Authorization", basic("ghost:whatever")));
        assertEquals(1, hashes.verifications.get());

        run(basicAuth(), new FakeExchange().header("Authorization", basic("test:wrong")));
        assertEquals(2, hashes.verifications.get());
    }

    @Test
    void verificationRunsOnlyInsideTheOffloadedTask() {
        FakeExchange exchange = new FakeExchange().header("Authorization", basic("test:test"));

        basicAuth().handle(exchange, next);

        assertEquals(0, hashes.verifications.get());
        assertTrue(forwarded.isEmpty());
        assertEquals(0, exchange.answers);
        assertEquals(1, exchange.pendingOffloaded());

        exchange.runOffloaded();

        assertEquals(1, hashes.verifications.get());
        assertEquals(1, forwarded.size());
    }

    @Test
    void aHashThatThrowsIsARefusal() {
        BasicAuth middleware = new BasicAuth(Map.of("test", password -> {
            throw new IllegalStateException("boom");
        }), "traefik", "", false);

        assertRefused(run(middleware, new FakeExchange().header("Authorization", basic("test:test"))), "traefik");
    }

    @Test
    void headerFieldReceivesTheUserNameUnderTheExactKey() {
        FakeExchange exchange = new FakeExchange()
                .header("Authorization", basic("test:test"))
                .header("x-webauth-user", "spoofed");

        run(basicAuth("traefik", "X-WebAuth-User", false), exchange);

        assertEquals(1, forwarded.size());
        assertEquals(List.of("test"), exchange.requestHeaders().all("X-WebAuth-User"));
        List<String> names = new ArrayList<>();
        exchange.requestHeaders().forEach((name, value) -> names.add(name));
        assertTrue(names.contains("X-WebAuth-User"));
        assertFalse(names.contains("x-webauth-user"));
    }

    @Test
    void removeHeaderDropsAuthorizationBeforeForwarding() {
        FakeExchange exchange = run(basicAuth("traefik", "", true),
                new FakeExchange().header("Authorization", basic("test:test")));

        assertEquals(1, forwarded.size());
        assertNull(exchange.requestHeaders().first("Authorization"));
    }

    @Test
    void authorizationIsKeptByDefault() {
        FakeExchange exchange = run(basicAuth(), new FakeExchange().header("Authorization", basic("test:test")));

        assertEquals(basic("test:test"), exchange.requestHeaders().first("Authorization"));
    }

    @Test
    void anEmptyUserSetIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BasicAuth(Map.of(), "traefik", "", false));
    }

    @Test
    void toStringShowsTheSettingsButNoHashes() {
        assertEquals("BasicAuth[realm=traefik, users=2, headerField=X-User, removeHeader]",
                basicAuth("traefik", "X-User", true).toString());
    }
}

package dev.junction.domain.middleware.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import org.junit.jupiter.api.Test;

class RedirectSchemeTest {
    private final RecordingHandler next = new RecordingHandler();

    private static RecordingExchange plainHttp(String method) {
        return new RecordingExchange().withMethod(method).withScheme("http").withHostHeader("example.com:8080")
                .withRawPath("/p").withRawQuery("q=1");
    }

    private RecordingExchange run(RedirectScheme middleware, RecordingExchange exchange) {
        middleware.handle(exchange, next);
        return exchange;
    }

    @Test
    void redirectsAGetWithFound() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", false), plainHttp("GET"));
        assertEquals(302, exchange.status());
        assertEquals("https://example.com/p?q=1", exchange.responseHeaders().first("Location"));
        assertEquals("Found", exchange.responseBody());
        assertEquals(1, exchange.answers());
        assertFalse(next.called());
    }

    @Test
    void redirectsAPostWithTemporaryRedirect() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", false), plainHttp("POST"));
        assertEquals(307, exchange.status());
        assertEquals("Temporary Redirect", exchange.responseBody());
        assertEquals("https://example.com/p?q=1", exchange.responseHeaders().first("Location"));
    }

    @Test
    void permanentRedirectOfAGetIsMovedPermanently() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", true), plainHttp("GET"));
        assertEquals(301, exchange.status());
        assertEquals("Moved Permanently", exchange.responseBody());
    }

    @Test
    void permanentRedirectOfAPostIsPermanentRedirect() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", true), plainHttp("POST"));
        assertEquals(308, exchange.status());
        assertEquals("Permanent Redirect", exchange.responseBody());
    }

    @Test
    void writesTheConfiguredPort() {
        RecordingExchange exchange = run(new RedirectScheme("https", "8443", false), plainHttp("GET"));
        assertEquals("https://example.com:8443/p?q=1", exchange.responseHeaders().first("Location"));
    }

    @Test
    void leavesOutAConfiguredPortThatIsTheSchemeDefault() {
        RecordingExchange exchange = run(new RedirectScheme("https", "443", false), plainHttp("GET"));
        assertEquals("https://example.com/p?q=1", exchange.responseHeaders().first("Location"));
    }

    @Test
    void redirectsARequestWithoutQueryWithoutQuestionMark() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", false),
                new RecordingExchange().withHostHeader("example.com").withRawPath("/p"));
        assertEquals("https://example.com/p", exchange.responseHeaders().first("Location"));
    }

    @Test
    void passesOnARequestAlreadyOnTheTargetScheme() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", false), new RecordingExchange()
                .withScheme("https").withHostHeader("example.com").withRawPath("/p").withRawQuery("q=1"));
        assertSame(exchange, next.exchange());
        assertEquals(0, exchange.answers());
    }

    @Test
    void forwardedProtoHttpsCountsAsHttps() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", false), new RecordingExchange()
                .withScheme("http").withHostHeader("example.com").withRawPath("/p")
                .withHeader("X-Forwarded-Proto", "https"));
        assertEquals(1, next.calls());
        assertEquals(0, exchange.answers());
    }

    @Test
    void forwardedProtoWssCountsAsHttps() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", false), new RecordingExchange()
                .withScheme("http").withHostHeader("example.com").withRawPath("/p")
                .withHeader("X-Forwarded-Proto", "wss"));
        assertEquals(1, next.calls());
        assertEquals(0, exchange.answers());
    }

    @Test
    void forwardedProtoHttpMakesAnHttpsConnectionRedirect() {
        RecordingExchange exchange = run(new RedirectScheme("https", "", false), new RecordingExchange()
                .withScheme("https").withHostHeader("example.com").withRawPath("/p")
                .withHeader("X-Forwarded-Proto", "http"));
        assertEquals(302, exchange.status());
        assertEquals("https://example.com/p", exchange.responseHeaders().first("Location"));
    }

    @Test
    void redirectsHttpsToHttp() {
        RecordingExchange exchange = run(new RedirectScheme("http", "", false), new RecordingExchange()
                .withScheme("https").withHostHeader("example.com:443").withRawPath("/p"));
        assertEquals(302, exchange.status());
        assertEquals("http://example.com/p", exchange.responseHeaders().first("Location"));
    }

    @Test
    void rejectsAnEmptyScheme() {
        assertThrows(IllegalArgumentException.class, () -> new RedirectScheme("", "", false));
    }
}

package dev.junction.domain.middleware.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedirectRegexTest {
    private static final Pattern LOCALHOST = Pattern.compile("^http://localhost/(.*)");

    private final RecordingHandler next = new RecordingHandler();

    private static RecordingExchange localhost(String rawPath) {
        return new RecordingExchange().withScheme("http").withHostHeader("localhost").withRawPath(rawPath);
    }

    private RecordingExchange run(RedirectRegex middleware, RecordingExchange exchange) {
        middleware.handle(exchange, next);
        return exchange;
    }

    @Test
    void redirectsToTheReplacement() {
        RecordingExchange exchange = run(new RedirectRegex(LOCALHOST, "http://example.com/${1}", false),
                localhost("/foo"));
        assertEquals(302, exchange.status());
        assertEquals("http://example.com/foo", exchange.responseHeaders().first("Location"));
        assertEquals("Found", exchange.responseBody());
        assertFalse(next.called());
    }

    @Test
    void permanentRedirectOfAGetIsMovedPermanently() {
        RecordingExchange exchange = run(new RedirectRegex(LOCALHOST, "http://example.com/${1}", true),
                localhost("/foo"));
        assertEquals(301, exchange.status());
        assertEquals("Moved Permanently", exchange.responseBody());
    }

    @Test
    void redirectOfAPostIsTemporaryRedirect() {
        RecordingExchange exchange = run(new RedirectRegex(LOCALHOST, "http://example.com/${1}", false),
                localhost("/foo").withMethod("POST"));
        assertEquals(307, exchange.status());
    }

    @Test
    void matchesTheQueryAsPartOfTheUrl() {
        RecordingExchange exchange = run(new RedirectRegex(LOCALHOST, "http://example.com/${1}", false),
                localhost("/foo").withRawQuery("a=b"));
        assertEquals("http://example.com/foo?a=b", exchange.responseHeaders().first("Location"));
    }

    @Test
    void passesOnAUrlTheExpressionDoesNotMatch() {
        RecordingExchange exchange = run(new RedirectRegex(LOCALHOST, "http://example.com/${1}", false),
                new RecordingExchange().withHostHeader("other.com").withRawPath("/foo"));
        assertSame(exchange, next.exchange());
        assertEquals(0, exchange.answers());
    }

    @Test
    void passesOnWhenTheReplacementLeavesTheUrlUnchanged() {
        RecordingExchange exchange = run(new RedirectRegex(Pattern.compile("^(http://localhost/.*)$"), "$1", false),
                localhost("/foo"));
        assertEquals(1, next.calls());
        assertEquals(0, exchange.answers());
    }

    @Test
    void matchesTheHostHeaderPortAsSent() {
        RecordingExchange exchange = run(new RedirectRegex(Pattern.compile("^http://foo:8080/(.*)"),
                "https://foo:8443/$1", false), new RecordingExchange().withHostHeader("foo:8080").withRawPath("/p"));
        assertEquals("https://foo:8443/p", exchange.responseHeaders().first("Location"));
    }

    @Test
    void matchesADefaultPortInTheHostHeaderAsSent() {
        RecordingExchange exchange = run(new RedirectRegex(Pattern.compile("^http://foo:80/(.*)"),
                "https://foo:443/$1", false), new RecordingExchange().withHostHeader("foo:80").withRawPath("/p"));
        assertEquals(302, exchange.status());
        assertEquals("https://foo:443/p", exchange.responseHeaders().first("Location"));
    }

    @Test
    void forwardedProtoDoesNotChangeTheMatchedScheme() {
        RecordingExchange exchange = run(new RedirectRegex(LOCALHOST, "http://example.com/${1}", false),
                localhost("/foo").withHeader("X-Forwarded-Proto", "https"));
        assertEquals(302, exchange.status());
        assertEquals("http://example.com/foo", exchange.responseHeaders().first("Location"));
    }

    @Test
    void matchesHttpsForATlsConnection() {
        RecordingExchange exchange = run(new RedirectRegex(Pattern.compile("^https://foo/(.*)"),
                "http://foo/$1", false), new RecordingExchange().withScheme("https").withHostHeader("foo")
                        .withRawPath("/p"));
        assertEquals("http://foo/p", exchange.responseHeaders().first("Location"));
    }

    @Test
    void replacementThatIsNotAValidUrlAnswersBadGateway() {
        RecordingExchange exchange = run(new RedirectRegex(Pattern.compile("^(.*)$"), "http://exa mple.com/", false),
                localhost("/foo"));
        assertEquals(502, exchange.status());
        assertFalse(next.called());
    }

    @Test
    void replacementWithAnEscapeGoRejectsInTheHostAnswersBadGateway() {
        RecordingExchange exchange = run(new RedirectRegex(Pattern.compile("^(.*)$"), "http://192.168.0.%31/", false),
                localhost("/foo"));
        assertEquals(502, exchange.status());
        assertFalse(next.called());
    }
}

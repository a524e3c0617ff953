package dev.junction.domain.middleware.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import dev.junction.domain.text.GoRegex;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReplacePathRegexTest {
    private final RecordingHandler next = new RecordingHandler();

    private RecordingExchange run(Pattern regex, String replacement, String rawPath) {
        RecordingExchange exchange = new RecordingExchange().withRawPath(rawPath);
        new ReplacePathRegex(regex, replacement).handle(exchange, next);
        return exchange;
    }

    @Test
    void rewritesThePathWithAGroupReference() {
        RecordingExchange exchange = run(Pattern.compile("^/api/(.*)"), "/v2/$1", "/api/users");
        assertEquals("/v2/users", exchange.rawPath());
        assertSame(exchange, next.exchange());
        assertFalse(exchange.answered());
    }

    @Test
    void keepsTheOriginalPathInXReplacedPath() {
        RecordingExchange exchange = run(Pattern.compile("^/api/(.*)"), "/v2/$1", "/api/users");
        assertEquals(List.of("/api/users"), exchange.requestHeaders().all("X-Replaced-Path"));
    }

    @Test
    void rewritesWithAGoNamedGroup() {
        RecordingExchange exchange = run(GoRegex.compile("^/api/(?P<rest>.*)"), "/v2/${rest}", "/api/users");
        assertEquals("/v2/users", exchange.rawPath());
    }

    @Test
    void leavesAPathTheExpressionDoesNotMatchAlone() {
        RecordingExchange exchange = run(Pattern.compile("^/api/(.*)"), "/v2/$1", "/web/users");
        assertEquals("/web/users", exchange.rawPath());
        assertFalse(exchange.requestHeaders().contains("X-Replaced-Path"));
        assertTrue(next.called());
    }

    @Test
    void emptyReplacementLeavesThePathAlone() {
        RecordingExchange exchange = run(Pattern.compile("^/api/(.*)"), "", "/api/users");
        assertEquals("/api/users", exchange.rawPath());
        assertFalse(exchange.requestHeaders().contains("X-Replaced-Path"));
        assertTrue(next.called());
    }

    @Test
    void replacesEveryMatch() {
        RecordingExchange exchange = run(Pattern.compile("o"), "0", "/foo/boo");
        assertEquals("/f00/b00", exchange.rawPath());
    }

    @Test
    void unanchoredCatchAllRewritesThePathOnce() {
        RecordingExchange exchange = run(Pattern.compile("(.*)"), "/v2$1", "/users");
        assertEquals("/v2/users", exchange.rawPath());
    }

    @Test
    void rejectsAResultWithADotDotSegment() {
        RecordingExchange exchange = run(Pattern.compile("^/x/(.*)"), "/a/../$1", "/x/b");
        assertEquals(400, exchange.status());
        assertEquals(1, exchange.answers());
        assertFalse(next.called());
    }

    @Test
    void rejectsAResultWithADotSegment() {
        RecordingExchange exchange = run(Pattern.compile("^/x/(.*)"), "/./$1", "/x/b");
        assertEquals(400, exchange.status());
        assertFalse(next.called());
    }
}

package dev.junction.domain.middleware.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StripPrefixRegexTest {
    private final RecordingHandler next = new RecordingHandler();

    private RecordingExchange run(List<String> expressions, String rawPath) {
        RecordingExchange exchange = new RecordingExchange().withRawPath(rawPath);
        new StripPrefixRegex(expressions.stream().map(Pattern::compile).toList()).handle(exchange, next);
        return exchange;
    }

    @Test
    void stripsTheMatchedPrefix() {
        RecordingExchange exchange = run(List.of("/api/v[0-9]+"), "/api/v2/users");
        assertEquals("/users", exchange.rawPath());
        assertSame(exchange, next.exchange());
        assertFalse(exchange.answered());
    }

    @Test
    void tellsTheBackendTheMatchedText() {
        RecordingExchange exchange = run(List.of("/api/v[0-9]+"), "/api/v2/users");
        assertEquals(List.of("/api/v2"), exchange.requestHeaders().all("X-Forwarded-Prefix"));
    }

    @Test
    void doesNotStripAMatchThatIsNotAtTheStart() {
        RecordingExchange exchange = run(List.of("/api/v[0-9]+"), "/x/api/v2/users");
        assertEquals("/x/api/v2/users", exchange.rawPath());
        assertFalse(exchange.requestHeaders().contains("X-Forwarded-Prefix"));
        assertTrue(next.called());
    }

    @Test
    void wholePathMatchedBecomesTheRoot() {
        RecordingExchange exchange = run(List.of("/api/v[0-9]+"), "/api/v3");
        assertEquals("/", exchange.rawPath());
        assertEquals("/api/v3", exchange.requestHeaders().first("X-Forwarded-Prefix"));
    }

    @Test
    void triesTheNextExpressionWhenAMatchIsNotAtTheStart() {
        RecordingExchange exchange = run(List.of("/v[0-9]+", "/api"), "/api/v1");
        assertEquals("/v1", exchange.rawPath());
        assertEquals(List.of("/api"), exchange.requestHeaders().all("X-Forwarded-Prefix"));
    }

    @Test
    void firstMatchingExpressionInListOrderWins() {
        RecordingExchange exchange = run(List.of("/api", "/api/v[0-9]+"), "/api/v1/x");
        assertEquals("/v1/x", exchange.rawPath());
        assertEquals(List.of("/api"), exchange.requestHeaders().all("X-Forwarded-Prefix"));
    }

    @Test
    void leavesAPathNoExpressionMatchesAlone() {
        RecordingExchange exchange = run(List.of("/api/v[0-9]+"), "/web/index.html");
        assertEquals("/web/index.html", exchange.rawPath());
        assertFalse(exchange.requestHeaders().contains("X-Forwarded-Prefix"));
        assertTrue(next.called());
        assertFalse(exchange.answered());
    }

    @Test
    void rejectsAResultWithADotSegment() {
        RecordingExchange exchange = run(List.of("/api"), "/api./x");
        assertEquals(400, exchange.status());
        assertFalse(next.called());
    }
}

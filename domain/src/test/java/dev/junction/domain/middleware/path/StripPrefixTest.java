package dev.junction.domain.middleware.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripPrefixTest {
    private final RecordingHandler next = new RecordingHandler();

    private RecordingExchange run(List<String> prefixes, String rawPath) {
        RecordingExchange exchange = new RecordingExchange().withRawPath(rawPath);
        new StripPrefix(prefixes).handle(exchange, next);
        return exchange;
    }

    @Test
    void stripsTheMatchingPrefix() {
        RecordingExchange exchange = run(List.of("/api"), "/api/foo");
        assertEquals("/foo", exchange.rawPath());
        assertSame(exchange, next.exchange());
        assertFalse(exchange.answered());
    }

    @Test
    void tellsTheBackendWhatWasStripped() {
        RecordingExchange exchange = run(List.of("/api"), "/api/foo");
        assertEquals(List.of("/api"), exchange.requestHeaders().all("X-Forwarded-Prefix"));
    }

    @Test
    void pathEqualToThePrefixBecomesTheRoot() {
        RecordingExchange exchange = run(List.of("/api"), "/api");
        assertEquals("/", exchange.rawPath());
        assertEquals("/api", exchange.requestHeaders().first("X-Forwarded-Prefix"));
    }

    @Test
    void stripsThePlainStringPrefixNotASegment() {
        RecordingExchange exchange = run(List.of("/stat"), "/status");
        assertEquals("/us", exchange.rawPath());
        assertEquals("/stat", exchange.requestHeaders().first("X-Forwarded-Prefix"));
    }

    @Test
    void firstMatchingPrefixInListOrderWinsOverALongerOne() {
        RecordingExchange exchange = run(List.of("/api", "/api/v1"), "/api/v1/users");
        assertEquals("/v1/users", exchange.rawPath());
        assertEquals(List.of("/api"), exchange.requestHeaders().all("X-Forwarded-Prefix"));
    }

    @Test
    void firstMatchingPrefixInListOrderWinsOverAShorterOne() {
        RecordingExchange exchange = run(List.of("/api/v1", "/api"), "/api/v1/users");
        assertEquals("/users", exchange.rawPath());
        assertEquals(List.of("/api/v1"), exchange.requestHeaders().all("X-Forwarded-Prefix"));
    }

    @Test
    void skipsPrefixesThatDoNotMatch() {
        RecordingExchange exchange = run(List.of("/web", "/api"), "/api/foo");
        assertEquals("/foo", exchange.rawPath());
        assertEquals("/api", exchange.requestHeaders().first("X-Forwarded-Prefix"));
    }

    @Test
    void leavesAPathWithoutMatchingPrefixAlone() {
        RecordingExchange exchange = run(List.of("/api"), "/other/api");
        assertEquals("/other/api", exchange.rawPath());
        assertFalse(exchange.requestHeaders().contains("X-Forwarded-Prefix"));
        assertTrue(next.called());
        assertFalse(exchange.answered());
    }

    @Test
    void stripsAPrefixWrittenDecodedFromAnEscapedPath() {
        RecordingExchange exchange = run(List.of("/a b"), "/a%20b/c");
        assertEquals("/c", exchange.rawPath());
        assertEquals("/a b", exchange.requestHeaders().first("X-Forwarded-Prefix"));
    }

    @Test
    void rejectsAResultWithADotSegment() {
        RecordingExchange exchange = run(List.of("/api"), "/api./foo");
        assertEquals(400, exchange.status());
        assertEquals(1, exchange.answers());
        assertFalse(next.called());
    }

    @Test
    void rejectedRequestGetsNoForwardedPrefix() {
        RecordingExchange exchange = run(List.of("/api"), "/api./foo");
        assertFalse(exchange.requestHeaders().contains("X-Forwarded-Prefix"));
    }

    @Test
    void rejectsAResultWithADotDotSegment() {
        RecordingExchange exchange = run(List.of("/api"), "/api../foo");
        assertEquals(400, exchange.status());
        assertFalse(next.called());
    }
}

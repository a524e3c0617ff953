package dev.junction.domain.middleware.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplacePathTest {
    private final RecordingHandler next = new RecordingHandler();

    private RecordingExchange run(String path, RecordingExchange exchange) {
        new ReplacePath(path).handle(exchange, next);
        return exchange;
    }

    @Test
    void forwardsTheConfiguredPath() {
        RecordingExchange exchange = run("/new", new RecordingExchange().withRawPath("/old").withRawQuery("x"));
        assertEquals("/new", exchange.rawPath());
        assertSame(exchange, next.exchange());
        assertFalse(exchange.answered());
    }

    @Test
    void keepsTheOriginalPathInXReplacedPath() {
        RecordingExchange exchange = run("/new", new RecordingExchange().withRawPath("/old").withRawQuery("x"));
        assertEquals(List.of("/old"), exchange.requestHeaders().all("X-Replaced-Path"));
    }

    @Test
    void leavesTheQueryAlone() {
        RecordingExchange exchange = run("/new", new RecordingExchange().withRawPath("/old").withRawQuery("x"));
        assertEquals("x", exchange.rawQuery());
    }

    @Test
    void keepsEscapesInTheConfiguredPathAsWritten() {
        RecordingExchange exchange = run("/a%20b", new RecordingExchange().withRawPath("/old"));
        assertEquals("/a%20b", exchange.rawPath());
    }

    @Test
    void recordsTheOriginalPathEscaped() {
        RecordingExchange exchange = run("/new", new RecordingExchange().withRawPath("/a%2Fb"));
        assertEquals("/a%2Fb", exchange.requestHeaders().first("X-Replaced-Path"));
    }
}

package dev.junction.domain.middleware.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import org.junit.jupiter.api.Test;

class AddPrefixTest {
    private final RecordingHandler next = new RecordingHandler();

    private RecordingExchange run(AddPrefix middleware, String rawPath) {
        RecordingExchange exchange = new RecordingExchange().withRawPath(rawPath);
        middleware.handle(exchange, next);
        return exchange;
    }

    @Test
    void givesAPrefixWithoutLeadingSlashOne() {
        RecordingExchange exchange = run(new AddPrefix("api"), "/foo");
        assertEquals("/api/foo", exchange.rawPath());
    }

    @Test
    void putsAPrefixWithLeadingSlashInFront() {
        RecordingExchange exchange = run(new AddPrefix("/api"), "/foo");
        assertEquals("/api/foo", exchange.rawPath());
    }

    @Test
    void passesTheSameExchangeOnWithoutAnswering() {
        RecordingExchange exchange = run(new AddPrefix("/api"), "/foo");
        assertSame(exchange, next.exchange());
        assertEquals(1, next.calls());
        assertFalse(exchange.answered());
    }

    @Test
    void prefixesTheRootPath() {
        assertEquals("/api/", run(new AddPrefix("/api"), "/").rawPath());
    }

    @Test
    void keepsTheRequestPathEscaped() {
        assertEquals("/api/a%2Fb", run(new AddPrefix("/api"), "/a%2Fb").rawPath());
    }

    @Test
    void doesNotAddTheForwardedPrefixHeader() {
        RecordingExchange exchange = run(new AddPrefix("/api"), "/foo");
        assertFalse(exchange.requestHeaders().contains("X-Forwarded-Prefix"));
    }

    @Test
    void rejectsAnEmptyPrefix() {
        assertThrows(IllegalArgumentException.class, () -> new AddPrefix(""));
    }
}

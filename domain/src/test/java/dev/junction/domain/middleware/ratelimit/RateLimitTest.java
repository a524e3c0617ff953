package dev.junction.domain.middleware.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import dev.junction.domain.middleware.ipallow.IpStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final ManualTimer timer = new ManualTimer();
    private final RequestSource byClient = new RequestSource.ClientIp(IpStrategy.REMOTE_ADDRESS);

    private static RecordingExchange from(String ip) {
        return new RecordingExchange().withClientAddress(ip);
    }

    @Test
    void burstRequestsPassAtOnce() {
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(1), 3, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        for (int i = 0; i < 3; i++) {
            limit.handle(from("10.0.0.1"), next);
        }
        assertEquals(3, next.calls());
        assertEquals(List.of(), timer.delays());
    }

    @Test
    void aRequestThatNeedsLessThanTheMaximumDelayIsDelayedNotRefused() {
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(1), 1, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        limit.handle(from("10.0.0.1"), next);
        timer.advance(Duration.ofMillis(60));
        RecordingExchange second = from("10.0.0.1");
        limit.handle(second, next);
        assertEquals(1, next.calls());
        assertEquals(List.of(Duration.ofMillis(40)), timer.delays());
        timer.advance(Duration.ofMillis(40));
        assertEquals(2, next.calls());
        assertFalse(second.answered());
    }

    @Test
    void aRequestBeyondTheMaximumDelayGets429WithRetryHeaders() {
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(1), 1, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        limit.handle(from("10.0.0.1"), next);
        RecordingExchange refused = from("10.0.0.1");
        limit.handle(refused, next);
        assertEquals(429, refused.status());
        assertEquals("Too Many Requests", refused.responseBody());
        assertEquals("1", refused.responseHeaders().first("Retry-After"));
        assertEquals("100ms", refused.responseHeaders().first("X-Retry-In"));
        assertEquals(1, next.calls());
    }

    @Test
    void aRefusedRequestDoesNotUseUpTheNextToken() {
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(1), 1, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        limit.handle(from("10.0.0.1"), next);
        for (int i = 0; i < 5; i++) {
            limit.handle(from("10.0.0.1"), next);
        }
        timer.advance(Duration.ofMillis(100));
        limit.handle(from("10.0.0.1"), next);
        assertEquals(2, next.calls());
    }

    @Test
    void slowRatesWaitUpTo500Milliseconds() {
        RateLimit limit = new RateLimit(1, Duration.ofSeconds(2), 1, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        limit.handle(from("10.0.0.1"), next);
        timer.advance(Duration.ofMillis(1600));
        limit.handle(from("10.0.0.1"), next);
        assertEquals(List.of(Duration.ofMillis(400)), timer.delays());
        RecordingExchange refused = from("10.0.0.1");
        limit.handle(refused, next);
        assertEquals(429, refused.status());
        assertEquals("3", refused.responseHeaders().first("Retry-After"));
        assertEquals("2.4s", refused.responseHeaders().first("X-Retry-In"));
    }

    @Test
    void eachSourceHasItsOwnBucket() {
        RateLimit limit = new RateLimit(1, Duration.ofMinutes(1), 1, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        limit.handle(from("10.0.0.1"), next);
        limit.handle(from("10.0.0.2"), next);
        RecordingExchange again = from("10.0.0.1");
        limit.handle(again, next);
        assertEquals(2, next.calls());
        assertEquals(429, again.status());
    }

    @Test
    void averageZeroMeansNoLimit() {
        RateLimit limit = new RateLimit(0, Duration.ofSeconds(1), 1, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        for (int i = 0; i < 100; i++) {
            limit.handle(from("10.0.0.1"), next);
        }
        assertEquals(100, next.calls());
    }

    @Test
    void aFloodOfDistinctSourcesIsRememberedOnlyUpToTheBound() {
        RateLimit limit = new RateLimit(1, Duration.ofMinutes(1), 1, byClient, timer);
        RecordingHandler next = new RecordingHandler();
        for (int i = 0; i < RateLimit.MAX_SOURCES + 1000; i++) {
            limit.handle(from("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF)), next);
        }
        assertEquals(RateLimit.MAX_SOURCES, limit.sources());
        assertTrue(next.calls() > RateLimit.MAX_SOURCES);
    }

    @Test
    void requestHeaderAndHostSourcesGroupByThoseValues() {
        RateLimit byKey = new RateLimit(1, Duration.ofMinutes(1), 1, new RequestSource.RequestHeader("X-Key"), timer);
        RecordingHandler next = new RecordingHandler();
        byKey.handle(from("10.0.0.1").withHeader("X-Key", "a"), next);
        byKey.handle(from("10.0.0.1").withHeader("X-Key", "b"), next);
        RecordingExchange repeated = from("10.0.0.2").withHeader("X-Key", "a");
        byKey.handle(repeated, next);
        assertEquals(2, next.calls());
        assertEquals(429, repeated.status());
    }

    @Test
    void aNonPositivePeriodIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimit(1, Duration.ZERO, 1, byClient, timer));
    }
}

package dev.junction.domain.middleware.ipallow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import dev.junction.domain.net.IpRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAllowListTest {
    private static final List<IpRange> TEN = List.of(IpRange.parse("10.0.0.0/8"));

    private final RecordingHandler next = new RecordingHandler();

    private RecordingExchange run(IpAllowList middleware, RecordingExchange exchange) {
        middleware.handle(exchange, next);
        return exchange;
    }

    @Test
    void letsAClientInsideTheRangeOn() {
        RecordingExchange exchange = run(new IpAllowList(TEN, IpStrategy.REMOTE_ADDRESS, 403),
                new RecordingExchange().withClientAddress("10.1.2.3"));
        assertSame(exchange, next.exchange());
        assertEquals(0, exchange.answers());
    }

    @Test
    void rejectsAClientOutsideTheRangeWithForbidden() {
        RecordingExchange exchange = run(new IpAllowList(TEN, IpStrategy.REMOTE_ADDRESS, 403),
                new RecordingExchange().withClientAddress("192.168.1.1"));
        assertEquals(403, exchange.status());
        assertEquals("Forbidden", exchange.responseBody());
        assertEquals(1, exchange.answers());
        assertFalse(next.called());
    }

    @Test
    void rejectsWithTheConfiguredStatusAndItsText() {
        RecordingExchange exchange = run(new IpAllowList(TEN, IpStrategy.REMOTE_ADDRESS, 404),
                new RecordingExchange().withClientAddress("192.168.1.1"));
        assertEquals(404, exchange.status());
        assertEquals("Not Found", exchange.responseBody());
    }

    @Test
    void anyListedRangeLetsTheClientOn() {
        List<IpRange> ranges = List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.168.1.0/24"));
        RecordingExchange exchange = run(new IpAllowList(ranges, IpStrategy.REMOTE_ADDRESS, 403),
                new RecordingExchange().withClientAddress("192.168.1.1"));
        assertEquals(1, next.calls());
        assertEquals(0, exchange.answers());
    }

    @Test
    void judgesTheAddressTheStrategyPicks() {
        RecordingExchange exchange = run(new IpAllowList(TEN, new IpStrategy(1, List.of(), 0), 403),
                new RecordingExchange().withClientAddress("192.168.1.1").withHeader("X-Forwarded-For", "10.9.9.9"));
        assertEquals(1, next.calls());
        assertEquals(0, exchange.answers());
    }

    @Test
    void rejectsWhenTheStrategyFindsNoAddress() {
        RecordingExchange exchange = run(new IpAllowList(TEN, new IpStrategy(2, List.of(), 0), 403),
                new RecordingExchange().withClientAddress("10.1.2.3").withHeader("X-Forwarded-For", "10.9.9.9"));
        assertEquals(403, exchange.status());
        assertFalse(next.called());
    }

    @Test
    void rejectsAForwardedValueThatIsNotAnAddress() {
        RecordingExchange exchange = run(new IpAllowList(TEN, new IpStrategy(1, List.of(), 0), 403),
                new RecordingExchange().withClientAddress("10.1.2.3").withHeader("X-Forwarded-For", "unknown"));
        assertEquals(403, exchange.status());
        assertFalse(next.called());
    }

    @Test
    void rejectsAnEmptySourceRange() {
        assertThrows(IllegalArgumentException.class, () -> new IpAllowList(List.of(), IpStrategy.REMOTE_ADDRESS, 403));
    }
}

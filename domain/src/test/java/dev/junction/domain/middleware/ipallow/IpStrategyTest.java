package dev.junction.domain.middleware.ipallow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.net.IpRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpStrategyTest {

    private static RecordingExchange forwardedFor(String xff) {
        return new RecordingExchange().withClientAddress("10.0.0.1").withHeader("X-Forwarded-For", xff);
    }

    private static IpStrategy depth(int depth) {
        return new IpStrategy(depth, List.of(), 0);
    }

    private static IpStrategy excluding(String... ranges) {
        return new IpStrategy(0, List.of(ranges).stream().map(IpRange::parse).toList(), 0);
    }

    @Test
    void remoteAddressByDefault() {
        assertEquals("10.0.0.1", IpStrategy.REMOTE_ADDRESS.clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void remoteIpv6AddressByDefault() {
        RecordingExchange exchange = new RecordingExchange().withClientAddress("2001:db8::1");
        assertEquals(exchange.clientAddress().getHostAddress(), IpStrategy.REMOTE_ADDRESS.clientIp(exchange));
    }

    @Test
    void depthOneIsTheRightMostForwardedAddress() {
        assertEquals("2.2.2.2", depth(1).clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void depthTwoIsTheSecondFromTheRight() {
        assertEquals("1.1.1.1", depth(2).clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void depthBeyondTheListFindsNoAddress() {
        assertEquals("", depth(3).clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void depthWithoutForwardedForFindsNoAddress() {
        assertEquals("", depth(1).clientIp(new RecordingExchange().withClientAddress("10.0.0.1")));
    }

    @Test
    void depthReadsOnlyTheFirstForwardedForLine() {
        RecordingExchange exchange = forwardedFor("1.1.1.1").withHeader("X-Forwarded-For", "2.2.2.2");
        assertEquals("1.1.1.1", depth(1).clientIp(exchange));
    }

    @Test
    void depthCountsATrailingEmptyEntry() {
        assertEquals("", depth(1).clientIp(forwardedFor("1.1.1.1, 2.2.2.2,")));
    }

    @Test
    void excludedIpsSkipTheExcludedAddressesFromTheRight() {
        assertEquals("1.1.1.1", excluding("2.2.2.2/32").clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void excludedIpsTakeTheRightMostAddressWhenNoneIsExcluded() {
        assertEquals("2.2.2.2", excluding("3.3.3.3/32").clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void excludedIpsFindNoAddressWhenAllAreExcluded() {
        assertEquals("", excluding("0.0.0.0/0").clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void excludedIpsSkipEmptyEntries() {
        assertEquals("1.1.1.1", excluding("2.2.2.2/32").clientIp(forwardedFor("1.1.1.1, , 2.2.2.2")));
    }

    @Test
    void depthWinsOverExcludedIps() {
        IpStrategy strategy = new IpStrategy(1, List.of(IpRange.parse("2.2.2.2/32")), 0);
        assertEquals("2.2.2.2", strategy.clientIp(forwardedFor("1.1.1.1, 2.2.2.2")));
    }

    @Test
    void ipv6SubnetWidensAnIpv6Address() {
        IpStrategy strategy = new IpStrategy(1, List.of(), 64);
        String widened = strategy.clientIp(forwardedFor("2001:db8:1:2:3:4:5:6"));
        assertArrayEquals(IpRange.literal("2001:db8:1:2::"), IpRange.literal(widened));
    }

    @Test
    void ipv6SubnetLeavesAnIpv4AddressAlone() {
        assertEquals("1.1.1.1", new IpStrategy(1, List.of(), 64).clientIp(forwardedFor("1.1.1.1")));
    }

    @Test
    void rejectsANegativeDepth() {
        assertThrows(IllegalArgumentException.class, () -> new IpStrategy(-1, List.of(), 0));
    }
}

package dev.junction.domain.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    private static byte[] ip(String s) {
        return IpRange.literal(s);
    }

    @Test
    void matchesAddressesInsideAnIpv4Block() {
        IpRange range = IpRange.parse("10.1.0.0/16");
        assertTrue(range.contains(ip("10.1.200.3")));
        assertFalse(range.contains(ip("10.2.0.1")));
    }

    @Test
    void aSingleAddressMatchesOnlyItself() {
        IpRange range = IpRange.parse("127.0.0.1");
        assertTrue(range.contains(ip("127.0.0.1")));
        assertFalse(range.contains(ip("127.0.0.2")));
    }

    @Test
    void matchesIpv6BlocksAndIpv4MappedAddresses() {
        assertTrue(IpRange.parse("2001:db8::/32").contains(ip("2001:db8:1::5")));
        assertFalse(IpRange.parse("2001:db8::/32").contains(ip("2001:db9::5")));
        assertTrue(IpRange.parse("192.168.0.0/24").contains(ip("::ffff:192.168.0.9")));
    }

    @Test
    void rejectsHostNamesAndBadPrefixesWithoutResolvingAnything() {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("300.1.1.1"));
        assertNull(IpRange.literal("example.com"));
    }
}

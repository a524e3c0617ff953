package dev.junction.domain.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.statics.ForwardedHeadersConfig;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.net.IpRange;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
    private static final InetAddress CLIENT = address(new byte[] {10, 0, 0, 7});

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static ListHeaders spoofed() {
        ListHeaders h = new ListHeaders();
        h.add("X-Forwarded-For", "6.6.6.6");
        h.add("X-Real-Ip", "6.6.6.6");
        h.add("x_forwarded_proto", "https");
        h.add("X-Forwarded-Proto", "https");
        return h;
    }

    @Test
    void replacesWhatAnUntrustedClientClaimsWithWhatJunctionSaw() {
        ListHeaders h = spoofed();
        new ForwardedHeaders(ForwardedHeadersConfig.NONE_TRUSTED, "junction-1").apply(h, CLIENT, "example.com:8081",
                false);
        assertNull(h.first("X-Forwarded-For"));
        assertNull(h.first("x_forwarded_proto"));
        assertEquals("10.0.0.7", h.first("X-Real-Ip"));
        assertEquals("http", h.first("X-Forwarded-Proto"));
        assertEquals("8081", h.first("X-Forwarded-Port"));
        assertEquals("example.com:8081", h.first("X-Forwarded-Host"));
        assertEquals("junction-1", h.first("X-Forwarded-Server"));
    }

    @Test
    void keepsWhatATrustedProxySends() {
        ListHeaders h = spoofed();
        ForwardedHeadersConfig trusted = new ForwardedHeadersConfig(false, List.of(IpRange.parse("10.0.0.0/8")));
        new ForwardedHeaders(trusted, "j").apply(h, CLIENT, "example.com", false);
        assertEquals("6.6.6.6", h.first("X-Forwarded-For"));
        assertEquals("https", h.first("X-Forwarded-Proto"));
        assertEquals("443", h.first("X-Forwarded-Port"), "the port follows the forwarded scheme");
    }

    @Test
    void forwardedPortDefaultsBySchemeWhenTheHostHasNone() {
        ListHeaders h = new ListHeaders();
        new ForwardedHeaders(ForwardedHeadersConfig.NONE_TRUSTED, "j").apply(h, CLIENT, "example.com", true);
        assertEquals("https", h.first("X-Forwarded-Proto"));
        assertEquals("443", h.first("X-Forwarded-Port"));
    }

    @Test
    void dropsHeadersTheClientNamesInConnection() {
        ListHeaders h = new ListHeaders();
        h.add("Connection", "close, X-Secret");
        h.add("X-Secret", "s");
        new ForwardedHeaders(ForwardedHeadersConfig.NONE_TRUSTED, "j").apply(h, CLIENT, "a", false);
        assertFalse(h.contains("X-Secret"));
    }

    @Test
    void recognisesHopByHopHeadersInAnyCase() {
        assertTrue(HopByHopHeaders.isHopByHop("Transfer-Encoding"));
        assertTrue(HopByHopHeaders.isHopByHop("te"));
        assertTrue(HopByHopHeaders.isHopByHop("PROXY-AUTHORIZATION"));
        assertFalse(HopByHopHeaders.isHopByHop("Content-Type"));
        assertFalse(HopByHopHeaders.isHopByHop("Trailers"));
    }
}

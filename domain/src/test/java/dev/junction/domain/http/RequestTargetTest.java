package dev.junction.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    private static void expect(String received, String rawPath, String routingPath) {
        assertEquals(new RequestTarget(rawPath, routingPath), RequestTarget.of(received));
    }

    @Test
    void plainPathIsUnchanged() {
        expect("/foo/bar", "/foo/bar", "/foo/bar");
    }

    @Test
    void plainPathIsNotCopied() {
        String path = "/foo/bar";
        assertSame(path, RequestTarget.of(path).routingPath());
    }

    @Test
    void encodedDotSegmentsAreDecodedThenResolved() {
        expect("/foo/%2E%2E/bar", "/bar", "/bar");
    }

    @Test
    void dotSegmentsAreResolved() {
        expect("/a/./b/../c", "/a/c", "/a/c");
    }

    @Test
    void doubleSlashesAreCollapsed() {
        expect("//a//b", "/a/b", "/a/b");
    }

    @Test
    void trailingSlashIsKept() {
        expect("/a/b/", "/a/b/", "/a/b/");
    }

    @Test
    void trailingDotSegmentDropsTheSlash() {
        expect("/a/b/.", "/a/b", "/a/b");
    }

    @Test
    void dotDotAboveRootStaysAtRoot() {
        expect("/../../etc/passwd", "/etc/passwd", "/etc/passwd");
    }

    @Test
    void rootStaysRoot() {
        expect("/", "/", "/");
    }

    @Test
    void encodedSlashStaysEncoded() {
        expect("/foo%2Fbar", "/foo%2Fbar", "/foo%2Fbar");
    }

    @Test
    void encodedSlashIsNotASegmentSeparatorForDotDot() {
        expect("/a%2F..%2Fb", "/a%2F..%2Fb", "/a%2F..%2Fb");
    }

    @Test
    void lowerCaseEscapesAreUpperCased() {
        expect("/foo%2fbar", "/foo%2Fbar", "/foo%2Fbar");
    }

    @Test
    void encodedSpaceRoutesAsASpace() {
        expect("/foo%20bar", "/foo%20bar", "/foo bar");
    }

    @Test
    void unreservedEscapesAreDecodedInTheForwardedPath() {
        expect("/%41%62%7E%2D", "/Ab~-", "/Ab~-");
    }

    @Test
    void everyReservedEscapeStaysEncodedInTheRoutingPath() {
        String reserved = "/%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25";
        expect(reserved, reserved, reserved);
    }

    @Test
    void encodedUtf8IsDecodedInTheRoutingPath() {
        expect("/caf%C3%A9", "/caf%C3%A9", "/café");
    }

    @Test
    void rawNonAsciiIsEscapedForForwarding() {
        expect("/café", "/caf%C3%A9", "/café");
    }

    @Test
    void literalHashIsRejected() {
        RequestTargetRejection e = assertThrows(RequestTargetRejection.class, () -> RequestTarget.of("/a#b"));
        assertEquals(400, e.status());
    }

    @Test
    void encodedHashIsAllowedAndKeptEncoded() {
        expect("/a%23b", "/a%23b", "/a%23b");
    }

    @Test
    void danglingPercentIsRejected() {
        assertThrows(RequestTargetRejection.class, () -> RequestTarget.of("/a%"));
    }

    @Test
    void percentWithOneDigitIsRejected() {
        assertThrows(RequestTargetRejection.class, () -> RequestTarget.of("/a%4"));
    }

    @Test
    void percentWithInvalidHexIsRejected() {
        assertThrows(RequestTargetRejection.class, () -> RequestTarget.of("/a%zzb"));
    }

    @Test
    void sanitisingCanBeTurnedOff() {
        assertEquals(new RequestTarget("/a/../b", "/a/../b"), RequestTarget.of("/a/../b", false));
    }

    @Test
    void normalisingHappensEvenWithoutSanitising() {
        assertEquals(new RequestTarget("/a/../b", "/a/../b"), RequestTarget.of("/a/%2e%2E/b", false));
    }

    @Test
    void asteriskFormStaysAsterisk() {
        expect("*", "*", "*");
    }

    // canonical host

    @Test
    void canonicalHostIsLowerCased() {
        assertEquals("example.com", RequestTarget.canonicalHost("Example.COM"));
    }

    @Test
    void canonicalHostDropsThePort() {
        assertEquals("example.com", RequestTarget.canonicalHost("example.com:8080"));
    }

    @Test
    void canonicalHostDropsIpv6BracketsAndPort() {
        assertEquals("::1", RequestTarget.canonicalHost("[::1]:8443"));
    }

    @Test
    void canonicalHostDropsIpv6BracketsWithoutPort() {
        assertEquals("::1", RequestTarget.canonicalHost("[::1]"));
    }

    @Test
    void canonicalHostIsTrimmed() {
        assertEquals("example.com", RequestTarget.canonicalHost(" example.com "));
    }

    @Test
    void canonicalHostDropsTheTrailingDot() {
        assertEquals("example.com", RequestTarget.canonicalHost("example.com.:80"));
    }

    @Test
    void canonicalHostOfNoHostIsEmpty() {
        assertEquals("", RequestTarget.canonicalHost(null));
        assertEquals("", RequestTarget.canonicalHost(""));
    }
}

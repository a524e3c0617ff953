package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

class RefreshingDnsResolverTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration MAX_STALE = Duration.ofMinutes(5);

    private final AtomicLong now = new AtomicLong(1_000);
    private final Queue<Runnable> refreshes = new ArrayDeque<>();
    private final FakeDns dns = new FakeDns();
    private final RefreshingDnsResolver resolver = new RefreshingDnsResolver(dns, TTL, MAX_STALE, now::get,
            refreshes::add);

    /** Answers every name with what a test set last (none: unknown) and records each lookup. */
    private static final class FakeDns implements DnsResolver {
        final List<String> asked = new ArrayList<>();
        InetAddress[] answer;

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            return answer.clone();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    private static InetAddress[] addresses(String... ips) throws UnknownHostException {
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return out;
    }

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aNameIsLookedUpOnceWhileItsAnswerIsFresh() throws Exception {
        dns.answer = addresses("10.0.0.1", "10.0.0.2");
        assertArrayEquals(addresses("10.0.0.1", "10.0.0.2"), resolver.resolve("whoami"));
        later(TTL.minusSeconds(1));
        assertArrayEquals(addresses("10.0.0.1", "10.0.0.2"), resolver.resolve("whoami"));
        assertEquals(List.of("whoami"), dns.asked);
        assertEquals(0, refreshes.size());
    }

    @Test
    void anOldAnswerIsServedAtOnceWhileOneRefreshRunsElsewhere() throws Exception {
        dns.answer = addresses("10.0.0.1");
        resolver.resolve("whoami");
        dns.answer = addresses("10.0.0.9");
        later(TTL);

        assertArrayEquals(addresses("10.0.0.1"), resolver.resolve("whoami"));
        assertArrayEquals(addresses("10.0.0.1"), resolver.resolve("whoami"));
        assertEquals(List.of("whoami"), dns.asked, "the caller's thread does not look up again");
        assertEquals(1, refreshes.size(), "one refresh at a time");

        refreshes.poll().run();
        assertArrayEquals(addresses("10.0.0.9"), resolver.resolve("whoami"));
        assertEquals(2, dns.asked.size());
        assertEquals(0, refreshes.size(), "the new answer is fresh");
    }

    @Test
    void failedRefreshesKeepTheLastAddressesUntilTheyAreTooOldThenTheNameIsAskedAgain() throws Exception {
        dns.answer = addresses("10.0.0.1");
        resolver.resolve("whoami");
        dns.answer = null;

        later(TTL);
        resolver.resolve("whoami");
        refreshes.poll().run();
        assertArrayEquals(addresses("10.0.0.1"), resolver.resolve("whoami"), "kept after one failure");
        assertEquals(0, refreshes.size(), "the next attempt waits a ttl");

        later(MAX_STALE);
        assertArrayEquals(addresses("10.0.0.1"), resolver.resolve("whoami"));
        refreshes.poll().run();
        assertThrows(UnknownHostException.class, () -> resolver.resolve("whoami"),
                "forgotten once too old: the next lookup is the caller's and fails as DNS does");
    }

    @Test
    void literalsAreNotKept() throws Exception {
        dns.answer = addresses("127.0.0.1");
        assertArrayEquals(addresses("127.0.0.1"), resolver.resolve("127.0.0.1"));
        later(TTL);
        resolver.resolve("127.0.0.1");
        resolver.resolve("::1");
        assertEquals(List.of("127.0.0.1", "127.0.0.1", "::1"), dns.asked);
        assertEquals(0, refreshes.size());
    }

    @Test
    void callersCannotChangeTheKeptAnswer() throws Exception {
        dns.answer = addresses("10.0.0.1");
        resolver.resolve("whoami")[0] = InetAddress.getByName("10.6.6.6");
        resolver.resolve("whoami")[0] = InetAddress.getByName("10.6.6.6");
        assertArrayEquals(addresses("10.0.0.1"), resolver.resolve("whoami"));
    }

    @Test
    void anUnknownNameFailsAndIsNotKept() throws Exception {
        assertThrows(UnknownHostException.class, () -> resolver.resolve("nowhere"));
        dns.answer = addresses("10.0.0.3");
        assertArrayEquals(addresses("10.0.0.3"), resolver.resolve("nowhere"));
    }
}

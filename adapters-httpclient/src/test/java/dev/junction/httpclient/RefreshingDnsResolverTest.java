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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

class RefreshingDnsResolverTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);
    private static final Duration MAX_STALE = Duration.ofMinutes(5);

    private final AtomicLong now = new AtomicLong(1_000);
    private final Queue<Runnable> refreshes = new ArrayDeque<>();
    private final FakeDns dns = new FakeDns();
    private final RefreshingDnsResolver resolver = new RefreshingDnsResolver(dns, TTL, NEGATIVE_TTL, MAX_STALE,
            now::get, refreshes::add);

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
    void failedRefreshesKeepTheLastAddressesUntilTheyAreTooOldThenTheCallerAsksAndAFailureIsKept() throws Exception {
        dns.answer = addresses("10.0.0.1");
        resolver.resolve("whoami");
        dns.answer = null;

        later(TTL);
        resolver.resolve("whoami");
        refreshes.poll().run();
        assertArrayEquals(addresses("10.0.0.1"), resolver.resolve("whoami"), "kept after one failure");
        assertEquals(0, refreshes.size(), "the next attempt waits a ttl");

        later(MAX_STALE);
        assertThrows(UnknownHostException.class, () -> resolver.resolve("whoami"),
                "too old to trust: the caller looks up, and fails as DNS does");
        assertEquals(3, dns.asked.size());
        assertThrows(UnknownHostException.class, () -> resolver.resolve("whoami"));
        assertEquals(3, dns.asked.size(), "the failure is kept: no lookup on the caller's thread");
    }

    @Test
    void aNameWhoseRefreshFailsPastMaxStaleFailsAtOnceUntilDnsAnswersAgain() throws Exception {
        dns.answer = addresses("10.0.0.1");
        resolver.resolve("whoami");
        dns.answer = null;
        later(MAX_STALE.minusSeconds(1));
        assertArrayEquals(addresses("10.0.0.1"), resolver.resolve("whoami"));
        later(Duration.ofSeconds(2));
        refreshes.poll().run();

        assertThrows(UnknownHostException.class, () -> resolver.resolve("whoami"));
        assertEquals(2, dns.asked.size(), "the caller did not wait on DNS");
        assertEquals(0, refreshes.size());

        later(NEGATIVE_TTL);
        dns.answer = addresses("10.0.0.2");
        assertThrows(UnknownHostException.class, () -> resolver.resolve("whoami"));
        refreshes.poll().run();
        assertArrayEquals(addresses("10.0.0.2"), resolver.resolve("whoami"));
    }

    @Test
    void aRefusedRefreshIsTriedAgainByTheNextCaller() throws Exception {
        AtomicBoolean refuse = new AtomicBoolean(true);
        RefreshingDnsResolver refusing = new RefreshingDnsResolver(dns, TTL, NEGATIVE_TTL, MAX_STALE, now::get, r -> {
            if (refuse.get()) {
                throw new RejectedExecutionException("closed");
            }
            refreshes.add(r);
        });
        dns.answer = addresses("10.0.0.1");
        refusing.resolve("whoami");
        later(TTL);
        assertArrayEquals(addresses("10.0.0.1"), refusing.resolve("whoami"));
        refuse.set(false);
        refusing.resolve("whoami");
        assertEquals(1, refreshes.size());
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
    void anUnknownNameFailsAtOnceUntilABackgroundLookupFindsIt() throws Exception {
        assertThrows(UnknownHostException.class, () -> resolver.resolve("nowhere"));
        assertThrows(UnknownHostException.class, () -> resolver.resolve("nowhere"));
        assertEquals(1, dns.asked.size());

        dns.answer = addresses("10.0.0.3");
        later(NEGATIVE_TTL);
        assertThrows(UnknownHostException.class, () -> resolver.resolve("nowhere"));
        refreshes.poll().run();
        assertArrayEquals(addresses("10.0.0.3"), resolver.resolve("nowhere"));
    }
}

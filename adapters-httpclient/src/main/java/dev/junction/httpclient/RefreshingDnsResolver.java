package dev.junction.httpclient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * Resolves backend host names so that a lookup seldom holds a client connection's IO thread. HttpClient resolves on
 * the thread that opens a backend connection, which is the IO thread of the client connection whose request needs
 * it; every other client on that thread waits meanwhile, all of them when Junction runs one IO thread. The JDK keeps
 * an answer for 30 s, then asks again on that same thread, so a slow or absent DNS server would stall traffic every
 * half minute (and for the resolver's whole timeout when it is down).
 * <p>
 * Here a name is looked up on the caller's thread only when it is new or its answer is older than {@code maxStale}
 * (a backend unused for that long may have moved). An answer older than {@code ttl} is still used while a new one
 * is looked up on {@code refresher}. A lookup that fails is remembered too: the name then fails at once, without
 * waiting on DNS, and is tried again on {@code refresher} after {@code negativeTtl}. While refreshes fail, a name
 * goes on with its last addresses until they are {@code maxStale} old, then fails at once in the same way. IP
 * literals never reach DNS and pass straight through.
 */
final class RefreshingDnsResolver implements DnsResolver {
    private final DnsResolver system;
    private final long ttlNanos;
    private final long negativeTtlNanos;
    private final long maxStaleNanos;
    private final LongSupplier nanoTime;
    private final Executor refresher;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    /**
     * What was last found for a name: its addresses, or none when the lookup failed ({@code failure} says why);
     * when they were found, and when to ask again.
     */
    private record Answer(InetAddress[] addresses, UnknownHostException failure, long resolvedAt, long refreshAt,
                          AtomicBoolean refreshing) {
        static Answer found(InetAddress[] addresses, long now, long ttl) {
            return new Answer(addresses.clone(), null, now, now + ttl, new AtomicBoolean());
        }

        static Answer failed(UnknownHostException failure, long now, long ttl) {
            return new Answer(null, failure, now, now + ttl, new AtomicBoolean());
        }
    }

    RefreshingDnsResolver(DnsResolver system, Duration ttl, Duration negativeTtl, Duration maxStale,
                          LongSupplier nanoTime, Executor refresher) {
        this.system = system;
        this.ttlNanos = ttl.toNanos();
        this.negativeTtlNanos = negativeTtl.toNanos();
        this.maxStaleNanos = maxStale.toNanos();
        this.nanoTime = nanoTime;
        this.refresher = refresher;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (InetAddressUtils.isIPv4Address(host) || InetAddressUtils.isIPv6Address(host)) {
            return system.resolve(host);
        }
        long now = nanoTime.getAsLong();
        Answer answer = answers.get(host);
        if (answer == null || answer.addresses() != null && now - answer.resolvedAt() >= maxStaleNanos) {
            answer = lookUp(host, now);
        } else if (now - answer.refreshAt() >= 0 && answer.refreshing().compareAndSet(false, true)) {
            Answer stale = answer;
            try {
                refresher.execute(() -> refresh(host, stale));
            } catch (RejectedExecutionException closed) {
                stale.refreshing().set(false);
            }
        }
        if (answer.addresses() == null) {
            UnknownHostException failure = new UnknownHostException(answer.failure().getMessage());
            failure.initCause(answer.failure());
            throw failure;
        }
        return answer.addresses().clone();
    }

    private Answer lookUp(String host, long now) {
        Answer answer;
        try {
            answer = Answer.found(system.resolve(host), now, ttlNanos);
        } catch (UnknownHostException failed) {
            answer = Answer.failed(failed, now, negativeTtlNanos);
        }
        answers.put(host, answer);
        return answer;
    }

    private void refresh(String host, Answer stale) {
        Answer next;
        try {
            next = Answer.found(system.resolve(host), nanoTime.getAsLong(), ttlNanos);
        } catch (UnknownHostException | RuntimeException failed) {
            long now = nanoTime.getAsLong();
            UnknownHostException failure = failed instanceof UnknownHostException u ? u
                    : (UnknownHostException) new UnknownHostException(host).initCause(failed);
            if (stale.addresses() == null || now - stale.resolvedAt() >= maxStaleNanos) {
                next = Answer.failed(failure, now, negativeTtlNanos);
            } else {
                next = new Answer(stale.addresses(), null, stale.resolvedAt(), now + ttlNanos, new AtomicBoolean());
            }
        }
        answers.replace(host, stale, next);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return system.resolveCanonicalHostname(host);
    }
}

package dev.junction.httpclient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * Resolves backend host names so that a lookup holds a client connection's IO thread only the first time a name is
 * met. HttpClient resolves on the thread that opens a backend connection, which is the IO thread of the client
 * connection whose request needs it; every other client on that thread waits meanwhile, all of them when Junction
 * runs one IO thread. The JDK keeps an answer for 30 s, then asks again on that same thread, so a slow or absent DNS
 * server would stall traffic every half minute (and for the resolver's whole timeout when it is down).
 * <p>
 * Here an answer older than {@code ttl} is still used while a new one is looked up on {@code refresher}; a name whose
 * refreshes keep failing goes on with its last addresses for up to {@code maxStale}, then is forgotten, and the next
 * request asks again and fails as a lookup fails. IP literals never reach DNS and pass straight through.
 */
final class RefreshingDnsResolver implements DnsResolver {
    private final DnsResolver system;
    private final long ttlNanos;
    private final long maxStaleNanos;
    private final LongSupplier nanoTime;
    private final Executor refresher;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    /** The addresses last found for a name, when, and when to ask again. */
    private record Answer(InetAddress[] addresses, long resolvedAt, long refreshAt, AtomicBoolean refreshing) {
        Answer(InetAddress[] addresses, long resolvedAt, long refreshAt) {
            this(addresses, resolvedAt, refreshAt, new AtomicBoolean());
        }
    }

    RefreshingDnsResolver(DnsResolver system, Duration ttl, Duration maxStale, LongSupplier nanoTime,
                          Executor refresher) {
        this.system = system;
        this.ttlNanos = ttl.toNanos();
        this.maxStaleNanos = maxStale.toNanos();
        this.nanoTime = nanoTime;
        this.refresher = refresher;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (InetAddressUtils.isIPv4Address(host) || InetAddressUtils.isIPv6Address(host)) {
            return system.resolve(host);
        }
        Answer answer = answers.get(host);
        if (answer == null) {
            long now = nanoTime.getAsLong();
            InetAddress[] addresses = system.resolve(host);
            answers.put(host, new Answer(addresses.clone(), now, now + ttlNanos));
            return addresses;
        }
        if (nanoTime.getAsLong() - answer.refreshAt() >= 0 && answer.refreshing().compareAndSet(false, true)) {
            refresher.execute(() -> refresh(host, answer));
        }
        return answer.addresses().clone();
    }

    private void refresh(String host, Answer stale) {
        try {
            InetAddress[] addresses = system.resolve(host);
            long now = nanoTime.getAsLong();
            answers.replace(host, stale, new Answer(addresses.clone(), now, now + ttlNanos));
        } catch (UnknownHostException | RuntimeException failed) {
            long now = nanoTime.getAsLong();
            if (now - stale.resolvedAt() >= maxStaleNanos) {
                answers.remove(host, stale);
            } else {
                answers.replace(host, stale, new Answer(stale.addresses(), stale.resolvedAt(), now + ttlNanos));
            }
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return system.resolveCanonicalHostname(host);
    }
}

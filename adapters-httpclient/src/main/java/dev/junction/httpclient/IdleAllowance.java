package dev.junction.httpclient;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Decides, when a response head arrives, whether its connection may wait in the pool afterwards, so that at most
 * {@code max} of a route's connections sit idle ({@code serversTransport.maxIdleConnsPerHost}). Counting a route's idle
 * connections means walking the pool's list of them, which at a few hundred connections cost a microsecond on every
 * request. So each route keeps an upper bound instead: the last exact count plus every connection allowed since.
 * Connections leaving the idle list (taken by a request, evicted, found closed) only make the bound too high, never too
 * low; while it stays under {@code max} a connection may wait without counting, and only once it reaches {@code max} is
 * the pool counted again. The decision is made when the response head arrives, but a connection joins the idle list
 * only once its body has ended; a count misses connections allowed earlier and still streaming, as counting every time
 * did. Such connections can take a route past {@code max} until the next count (beyond what counting every time let
 * through, by at most {@code max - 1}), and the idle timeout closes them if they are not reused.
 *
 * @param <R> the route
 */
final class IdleAllowance<R> {
    /** Routes remembered before the bounds are forgotten and counted afresh, so retired backends do not pile up. */
    static final int ROUTES = 4096;

    private final int max;
    private final ToIntFunction<R> idleNow;
    private final ConcurrentHashMap<R, AtomicInteger> bounds = new ConcurrentHashMap<>();

    /**
     * @param max     idle connections allowed per route
     * @param idleNow the exact number of idle connections of a route, as the pool counts them
     */
    IdleAllowance(int max, ToIntFunction<R> idleNow) {
        this.max = max;
        this.idleNow = idleNow;
    }

    /** Whether one more connection of this route may wait idle; if so it is counted as waiting. */
    boolean mayWait(R route) {
        AtomicInteger bound = bounds.get(route);
        if (bound == null) {
            if (bounds.size() >= ROUTES) {
                bounds.clear();
            }
            bound = bounds.computeIfAbsent(route, r -> new AtomicInteger(idleNow.applyAsInt(r)));
        }
        if (bound.incrementAndGet() <= max) {
            return true;
        }
        int idle = idleNow.applyAsInt(route);
        if (idle < max) {
            bound.set(idle + 1);
            return true;
        }
        bound.set(idle);
        return false;
    }
}

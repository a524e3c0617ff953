package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleAllowanceTest {
    /** A pool that holds the connections allowed to wait, and counts how often it was asked to count them. */
    private static final class Pool {
        final Map<String, Integer> idle = new HashMap<>();
        int counted;

        int idleNow(String route) {
            counted++;
            return idle.getOrDefault(route, 0);
        }

        void release(IdleAllowance<String> allowance, String route) {
            if (allowance.mayWait(route)) {
                idle.merge(route, 1, Integer::sum);
            }
        }

        void lease(String route) {
            idle.merge(route, -1, Integer::sum);
        }
    }

    @Test
    void allowsExactlyTheLimitWhenNothingLeavesTheIdleList() {
        Pool pool = new Pool();
        IdleAllowance<String> allowance = new IdleAllowance<>(3, pool::idleNow);
        for (int i = 0; i < 10; i++) {
            pool.release(allowance, "a");
        }
        assertEquals(3, pool.idle.get("a"));
    }

    @Test
    void countsThePoolOnlyWhenTheBoundReachesTheLimit() {
        Pool pool = new Pool();
        IdleAllowance<String> allowance = new IdleAllowance<>(100, pool::idleNow);
        for (int i = 0; i < 10_000; i++) {
            pool.release(allowance, "a");
            pool.lease("a");
        }
        assertEquals(0, pool.idle.get("a"));
        assertTrue(pool.counted <= 10_000 / 99 + 2, "counted the pool " + pool.counted + " times");
    }

    @Test
    void aConnectionTakenInTheMeantimeMakesRoomOnceThePoolIsCounted() {
        Pool pool = new Pool();
        IdleAllowance<String> allowance = new IdleAllowance<>(2, pool::idleNow);
        pool.release(allowance, "a");
        pool.release(allowance, "a");
        pool.lease("a");
        assertTrue(allowance.mayWait("a"), "one of two is idle, so one more may wait");
        pool.idle.merge("a", 1, Integer::sum);
        assertFalse(allowance.mayWait("a"));
        assertEquals(2, pool.idle.get("a"));
    }

    @Test
    void routesAreBoundedApart() {
        Pool pool = new Pool();
        IdleAllowance<String> allowance = new IdleAllowance<>(1, pool::idleNow);
        pool.release(allowance, "a");
        pool.release(allowance, "a");
        pool.release(allowance, "b");
        assertEquals(1, pool.idle.get("a"));
        assertEquals(1, pool.idle.get("b"));
    }

    @Test
    void forgettingTheRoutesKeepsTheLimit() {
        Pool pool = new Pool();
        IdleAllowance<String> allowance = new IdleAllowance<>(2, pool::idleNow);
        pool.release(allowance, "a");
        pool.release(allowance, "a");
        for (int i = 0; i < IdleAllowance.ROUTES; i++) {
            allowance.mayWait("r" + i);
        }
        assertFalse(allowance.mayWait("a"), "the bound is counted afresh, not started from zero");
    }

    @Test
    void aLimitOfZeroKeepsNothing() {
        Pool pool = new Pool();
        IdleAllowance<String> allowance = new IdleAllowance<>(0, pool::idleNow);
        assertFalse(allowance.mayWait("a"));
        assertFalse(allowance.mayWait("a"));
    }
}

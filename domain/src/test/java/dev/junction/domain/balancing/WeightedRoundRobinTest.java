package dev.junction.domain.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTest {

    private static List<String> picks(WeightedRoundRobin<String> wrr, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(wrr.next());
        }
        return out;
    }

    @Test
    void spreadsPicksOfAHeavyServerInsteadOfBunchingThem() {
        WeightedRoundRobin<String> wrr = new WeightedRoundRobin<>(List.of("a", "b", "c"), List.of(5, 1, 1));
        assertEquals(List.of("a", "a", "b", "a", "c", "a", "a"), picks(wrr, 7));
    }

    @Test
    void picksEachServerInProportionToItsWeightOverACycle() {
        WeightedRoundRobin<String> wrr = new WeightedRoundRobin<>(List.of("a", "b"), List.of(3, 1));
        List<String> cycle = picks(wrr, 8);
        assertEquals(6, cycle.stream().filter("a"::equals).count());
        assertEquals(2, cycle.stream().filter("b"::equals).count());
    }

    @Test
    void ignoresServersWithWeightZeroOrLess() {
        WeightedRoundRobin<String> wrr = new WeightedRoundRobin<>(List.of("a", "b", "c"), List.of(0, -1, 2));
        assertEquals(List.of("c", "c", "c"), picks(wrr, 3));
    }

    @Test
    void hasNothingToPickWhenEveryWeightIsZero() {
        WeightedRoundRobin<String> wrr = new WeightedRoundRobin<>(List.of("a"), List.of(0));
        assertTrue(wrr.isEmpty());
        assertNull(wrr.next());
    }
}

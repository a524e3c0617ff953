package dev.junction.domain.balancing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Smooth weighted round-robin (as nginx does it): over a cycle each server is picked in proportion to its
 * weight, and picks of a heavy server are spread out instead of bunched. Servers with weight 0 or less are
 * ignored, as in Traefik. Thread-safe; a pick is a short critical section with no allocation.
 *
 * @param <T> what is picked (a server)
 */
public final class WeightedRoundRobin<T> {
    private final List<T> items;
    private final int[] weights;
    private final int[] current;
    private final int totalWeight;

    public WeightedRoundRobin(List<T> candidates, List<Integer> candidateWeights) {
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.size() != candidateWeights.size()) {
            throw new IllegalArgumentException("one weight per candidate");
        }
        List<T> kept = new ArrayList<>();
        List<Integer> keptWeights = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (candidateWeights.get(i) > 0) {
                kept.add(candidates.get(i));
                keptWeights.add(candidateWeights.get(i));
            }
        }
        this.items = List.copyOf(kept);
        this.weights = keptWeights.stream().mapToInt(Integer::intValue).toArray();
        this.current = new int[weights.length];
        this.totalWeight = keptWeights.stream().mapToInt(Integer::intValue).sum();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The next server; null when there is none to pick. */
    public T next() {
        int n = weights.length;
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return items.get(0);
        }
        synchronized (current) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= totalWeight;
            return items.get(best);
        }
    }

    @Override
    public String toString() {
        return "WeightedRoundRobin" + items;
    }
}

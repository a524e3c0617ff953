package dev.junction.application.routing;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing snapshot in force. Readers take it with one volatile read per request; a reload replaces it with
 * one atomic write, so no request ever sees half a configuration and no listener or connection is touched.
 */
public final class LiveRouting {
    private final AtomicReference<RoutingSnapshot> current = new AtomicReference<>(RoutingSnapshot.EMPTY);

    public RoutingSnapshot current() {
        return current.get();
    }

    public void replace(RoutingSnapshot snapshot) {
        current.set(Objects.requireNonNull(snapshot, "snapshot"));
    }
}

package dev.junction.application.routing;

import dev.junction.application.status.RuntimeState;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a request needs to be routed, for every entrypoint, frozen at one configuration. A reload builds a
 * new snapshot and swaps it in whole; requests in flight keep the snapshot they started with.
 */
public record RoutingSnapshot(long generation, Map<String, RoutingTable> tables, RuntimeState state) {
    public static final RoutingSnapshot EMPTY = new RoutingSnapshot(0, Map.of(), RuntimeState.EMPTY);

    public RoutingSnapshot {
        tables = Map.copyOf(tables);
        Objects.requireNonNull(state, "state");
    }

    public RoutingTable table(String entryPoint) {
        return tables.getOrDefault(entryPoint, RoutingTable.EMPTY);
    }
}

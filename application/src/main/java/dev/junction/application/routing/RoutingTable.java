package dev.junction.application.routing;

import dev.junction.domain.http.RoutingRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routes of one entrypoint in the order they are tried: priority descending, then name, so the order is
 * fixed once per configuration and the same on every run (Traefik leaves equal priorities unspecified).
 */
public final class RoutingTable {
    public static final RoutingTable EMPTY = new RoutingTable(List.of());
    static final Comparator<Route> ORDER =
            Comparator.comparingLong(Route::priority).reversed().thenComparing(Route::name);

    private final Route[] routes;

    public RoutingTable(List<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(ORDER);
        this.routes = sorted.toArray(new Route[0]);
    }

    /** The first route whose rule matches, or null: the request then gets a 404. */
    public Route find(RoutingRequest request) {
        for (Route route : routes) {
            if (route.rule().matches(request)) {
                return route;
            }
        }
        return null;
    }

    public List<Route> routes() {
        return List.of(routes);
    }

    @Override
    public String toString() {
        return "RoutingTable" + List.of(routes).stream().map(Route::name).toList();
    }
}

package dev.junction.application.runtime;

import dev.junction.application.port.in.ExplainUseCase;
import dev.junction.application.routing.Route;
import dev.junction.application.routing.RoutingSnapshot;
import dev.junction.application.status.ObjectStatus;
import dev.junction.domain.http.RequestTarget;
import dev.junction.domain.http.RoutingRequest;
import dev.junction.domain.net.IpRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks an entrypoint's routers in the order requests try them and says, for each one before the winner, why
 * it did not match; disabled routers are listed with the reason they are not serving.
 */
final class RouteExplanation {
    private final RoutingSnapshot snapshot;
    private final String entryPoint;

    RouteExplanation(RoutingSnapshot snapshot, String entryPoint) {
        this.snapshot = snapshot;
        this.entryPoint = entryPoint;
    }

    List<String> explain(ExplainUseCase.Query query) {
        RoutingRequest request = request(query);
        List<String> lines = new ArrayList<>();
        lines.add("request: " + query.method() + " host=\"" + request.host() + "\" path=\"" + request.path()
                + "\" on entryPoint \"" + entryPoint + "\"");
        for (ObjectStatus s : snapshot.state().objects()) {
            if (s.kind() == ObjectStatus.Kind.ROUTER && s.state() == ObjectStatus.State.DISABLED) {
                lines.add("  router " + s.name() + " is disabled: " + String.join("; ", s.messages()));
            }
        }
        for (Route route : snapshot.table(entryPoint).routes()) {
            if (route.rule().matches(request)) {
                lines.add("  router " + route.name() + " (priority " + route.priority() + ") matches: "
                        + String.join("; ", route.rule().explain(request)));
                lines.add("=> router " + route.name() + " takes the request");
                return lines;
            }
            lines.add("  router " + route.name() + " (priority " + route.priority() + ") does not match: "
                    + String.join("; ", route.rule().explain(request)));
        }
        lines.add("=> no router matches: 404");
        return lines;
    }

    private static RoutingRequest request(ExplainUseCase.Query q) {
        String rawPath = q.path();
        int question = rawPath.indexOf('?');
        String query = question < 0 ? "" : rawPath.substring(question + 1);
        String path = RequestTarget.of(question < 0 ? rawPath : rawPath.substring(0, question)).routingPath();
        String host = RequestTarget.canonicalHost(q.host());
        byte[] ip = IpRange.literal(q.clientIp());
        InetAddress client;
        try {
            client = InetAddress.getByAddress(ip == null ? new byte[] {127, 0, 0, 1} : ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        Map<String, List<String>> headers = q.headers();
        return new RoutingRequest() {
            @Override
            public String method() {
                return q.method();
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public List<String> headerValues(String name) {
                for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(name)) {
                        return e.getValue();
                    }
                }
                return List.of();
            }

            @Override
            public List<String> queryValues(String name) {
                List<String> values = null;
                for (String pair : query.split("[&;]")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = eq < 0 ? pair : pair.substring(0, eq);
                    if (key.equals(name)) {
                        if (values == null) {
                            values = new ArrayList<>();
                        }
                        values.add(eq < 0 ? "" : pair.substring(eq + 1));
                    }
                }
                return values;
            }

            @Override
            public InetAddress clientAddress() {
                return client;
            }
        };
    }
}

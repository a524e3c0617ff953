package dev.junction.application.proxy;

import dev.junction.domain.balancing.WeightedRoundRobin;
import dev.junction.domain.forwarding.ForwardedHeaders;
import dev.junction.domain.forwarding.HopByHopHeaders;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.port.ForwardRequestPort;
import dev.junction.domain.port.UpstreamRequest;
import java.util.List;
import java.util.Objects;

/**
 * A {@code loadBalancer} service: picks a server by smooth weighted round-robin and forwards the exchange to it
 * with end-to-end headers only, X-Forwarded-For extended with the client, and the client's Host unless
 * {@code passHostHeader} is false. A client's {@code TE: trailers} is kept, as Traefik keeps it: gRPC servers
 * look for it.
 */
public final class LoadBalancedService implements HttpHandler {
    private final String name;
    private final WeightedRoundRobin<Upstream> servers;
    private final boolean passHostHeader;
    private final ForwardRequestPort forwarder;

    public LoadBalancedService(String name, List<Upstream> upstreams, List<Integer> weights, boolean passHostHeader,
                               ForwardRequestPort forwarder) {
        this.name = Objects.requireNonNull(name, "name");
        this.servers = new WeightedRoundRobin<>(upstreams, weights);
        this.passHostHeader = passHostHeader;
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    }

    @Override
    public void handle(Exchange exchange) {
        Upstream upstream = servers.next();
        if (upstream == null) {
            exchange.respond(503, PlainText.headers(), "no available server");
            return;
        }
        HttpHeaders headers = upstreamHeaders(exchange, upstream);
        long length = exchange.requestContentLength();
        UpstreamRequest request = new UpstreamRequest(upstream.scheme(), upstream.host(), upstream.port(),
                exchange.method(), upstream.target(exchange.rawPath(), exchange.rawQuery()), headers,
                length == 0 ? null : exchange.requestBody(), length);
        ForwardRequestPort.InFlight inFlight = forwarder.forward(request, new UpstreamAnswer(exchange));
        exchange.onClientGone(inFlight::cancel);
    }

    private HttpHeaders upstreamHeaders(Exchange exchange, Upstream upstream) {
        ListHeaders out = new ListHeaders();
        exchange.requestHeaders().forEach((n, v) -> {
            if (!HopByHopHeaders.isHopByHop(n) && !n.equalsIgnoreCase("Host")
                    && !n.equalsIgnoreCase("Content-Length") && !n.equalsIgnoreCase("Expect")
                    && !n.equalsIgnoreCase("X-Forwarded-For")) {
                out.add(n, v);
            }
        });
        if (HopByHopHeaders.acceptsTrailers(exchange.requestHeaders())) {
            out.add("TE", "trailers");
        }
        if (exchange.forwardsClientAddress()) {
            String client = ForwardedHeaders.clientIp(exchange.clientAddress());
            String prior = exchange.requestHeaders().first("X-Forwarded-For");
            out.add("X-Forwarded-For", prior == null || prior.isEmpty() ? client : prior + ", " + client);
        }
        String host = passHostHeader && !exchange.hostHeader().isEmpty() ? exchange.hostHeader() : upstream.authority();
        out.add("Host", host);
        return out;
    }

    @Override
    public String toString() {
        return "LoadBalancedService[" + name + " " + servers + "]";
    }
}

package dev.junction.domain.middleware.ipallow;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.net.IpRange;
import java.util.List;
import java.util.Objects;

/**
 * Which address a request is judged by, as Traefik's {@code ipStrategy} says. By default the connected peer. With
 * {@code depth}, the n-th address from the right of the first {@code X-Forwarded-For} line (none when the line is
 * shorter). With {@code excludedIPs}, the right-most address of that line not in the excluded ranges. Depth wins
 * over exclusions. An IPv6 address is widened to its {@code ipv6Subnet} when one is set.
 *
 * @param depth       0 for none
 * @param excludedIps ranges skipped when scanning from the right
 * @param ipv6Subnet  prefix length applied to IPv6 addresses, 0 for none
 */
public record IpStrategy(int depth, List<IpRange> excludedIps, int ipv6Subnet) {
    public static final IpStrategy REMOTE_ADDRESS = new IpStrategy(0, List.of(), 0);

    public IpStrategy {
        Objects.requireNonNull(excludedIps, "excludedIps");
        excludedIps = List.copyOf(excludedIps);
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative, was " + depth);
        }
        if (ipv6Subnet < 0 || ipv6Subnet > 128) {
            throw new IllegalArgumentException("ipv6Subnet must be between 0 and 128, was " + ipv6Subnet);
        }
    }

    /** The address text the request is judged by; "" when the strategy finds none. */
    public String clientIp(Exchange exchange) {
        String ip;
        if (depth > 0) {
            String[] hops = forwardedFor(exchange);
            ip = hops.length < depth ? "" : hops[hops.length - depth].trim();
        } else if (!excludedIps.isEmpty()) {
            ip = "";
            String[] hops = forwardedFor(exchange);
            for (int i = hops.length - 1; i >= 0; i--) {
                String candidate = hops[i].trim();
                if (candidate.isEmpty()) {
                    continue;
                }
                byte[] bytes = IpRange.literal(candidate);
                if (bytes == null || excludedIps.stream().noneMatch(r -> r.contains(bytes))) {
                    ip = candidate;
                    break;
                }
            }
        } else {
            ip = exchange.clientAddress().getHostAddress();
        }
        return ipv6Subnet > 0 ? widen(ip) : ip;
    }

    private static String[] forwardedFor(Exchange exchange) {
        String first = exchange.requestHeaders().first("X-Forwarded-For");
        return (first == null ? "" : first).split(",", -1);
    }

    private String widen(String ip) {
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        byte[] bytes = IpRange.literal(ip);
        if (bytes == null || bytes.length != 16) {
            return ip;
        }
        return IpRange.parse(ip + "/" + ipv6Subnet).network();
    }
}

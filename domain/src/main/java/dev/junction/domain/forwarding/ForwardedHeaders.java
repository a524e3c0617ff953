package dev.junction.domain.forwarding;

import dev.junction.domain.config.statics.ForwardedHeadersConfig;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.net.IpRange;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The entrypoint's forwarded-headers step, as Traefik runs it before routing: values from a client that is not
 * trusted are dropped so nobody can spoof an address or scheme, then the X-Forwarded-* headers a backend relies
 * on are filled in from what Junction saw itself.
 */
public final class ForwardedHeaders {
    /** Headers only a trusted proxy may set (their underscore spellings are dropped too). */
    private static final List<String> GUARDED = List.of("X-Forwarded-Proto", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Port", "X-Forwarded-Server", "X-Forwarded-Uri", "X-Forwarded-Method",
            "X-Forwarded-Prefix", "X-Forwarded-Tls-Client-Cert", "X-Forwarded-Tls-Client-Cert-Info",
            "X-Forwarded-Scheme", "X-Scheme", "X-Real-Ip");
    /** The guarded names and their underscore spellings, lower-cased, for one lookup per header line. */
    private static final Set<String> GUARDED_ANY_SPELLING = GUARDED.stream()
            .flatMap(h -> Stream.of(h, h.replace('-', '_')))
            .map(h -> h.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private final ForwardedHeadersConfig config;
    private final String serverName;

    public ForwardedHeaders(ForwardedHeadersConfig config, String serverName) {
        this.config = Objects.requireNonNull(config, "config");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
    }

    /** Whether {@code client} may set forwarded headers. */
    public boolean trusts(InetAddress client) {
        if (config.insecure()) {
            return true;
        }
        for (IpRange range : config.trustedIPs()) {
            if (range.contains(client)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rewrites {@code headers} in place.
     *
     * @param hostHeader the Host as the client sent it, "" when absent
     * @param tls        whether the client connection is TLS
     */
    public void apply(HttpHeaders headers, InetAddress client, String hostHeader, boolean tls) {
        if (!trusts(client)) {
            removeGuarded(headers);
        }
        for (String named : HopByHopHeaders.namedInConnection(headers)) {
            if (!named.startsWith("x-forwarded-") && !named.equals("x-real-ip") && !named.equals("upgrade")) {
                headers.remove(named);
            }
        }
        if (!headers.contains("X-Real-Ip")) {
            headers.set("X-Real-Ip", clientIp(client));
        }
        boolean websocket = isWebSocketUpgrade(headers);
        String proto = headers.first("X-Forwarded-Proto");
        if (proto == null) {
            proto = websocket ? (tls ? "wss" : "ws") : (tls ? "https" : "http");
            headers.set("X-Forwarded-Proto", proto);
        }
        if (!headers.contains("X-Forwarded-Port")) {
            headers.set("X-Forwarded-Port", port(hostHeader, proto, tls));
        }
        if (!headers.contains("X-Forwarded-Host") && !hostHeader.isEmpty()) {
            headers.set("X-Forwarded-Host", hostHeader);
        }
        List<String> xff = headers.all("X-Forwarded-For");
        if (xff.size() > 1) {
            headers.set("X-Forwarded-For", String.join(", ", xff));
        }
        headers.set("X-Forwarded-Server", serverName);
    }

    /** Drops every guarded header present; one pass over the headers, since most requests carry none. */
    private static void removeGuarded(HttpHeaders headers) {
        List<String> present = new ArrayList<>(0);
        headers.forEach((name, value) -> {
            if (name.length() > 2 && (name.charAt(0) == 'x' || name.charAt(0) == 'X')
                    && GUARDED_ANY_SPELLING.contains(name.toLowerCase(Locale.ROOT))) {
                present.add(name);
            }
        });
        present.forEach(headers::remove);
    }

    /** The client address as it appears in X-Forwarded-For and X-Real-Ip: no zone, no brackets. */
    public static String clientIp(InetAddress client) {
        String ip = client.getHostAddress();
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        if (client instanceof Inet6Address && ip.startsWith("0:0:0:0:0:0:0:1")) {
            return "::1";
        }
        return ip;
    }

    private static boolean isWebSocketUpgrade(HttpHeaders headers) {
        String upgrade = headers.first("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    private static String port(String hostHeader, String proto, boolean tls) {
        int colon = hostHeader.lastIndexOf(':');
        if (colon >= 0 && colon > hostHeader.lastIndexOf(']')) {
            String p = hostHeader.substring(colon + 1);
            if (!p.isEmpty() && p.chars().allMatch(Character::isDigit)) {
                return p;
            }
        }
        return tls || proto.equals("https") || proto.equals("wss") ? "443" : "80";
    }
}

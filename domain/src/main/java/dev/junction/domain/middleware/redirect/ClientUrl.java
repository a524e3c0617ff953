package dev.junction.domain.middleware.redirect;

import dev.junction.domain.http.Exchange;
import java.util.Locale;

/**
 * The URL the client asked for, rebuilt as Traefik's redirect middlewares see it: scheme from the connection or a
 * trusted {@code X-Forwarded-Proto} ({@code ws}/{@code wss} read as http/https), host and port as the Host header
 * gave them (the default port of the scheme dropped), then the request URI.
 */
final class ClientUrl {
    private ClientUrl() {
    }

    static String of(Exchange exchange) {
        String scheme = scheme(exchange);
        String hostHeader = exchange.hostHeader();
        String host = hostHeader;
        String port = "";
        int colon = hostHeader.lastIndexOf(':');
        if (colon >= 0 && hostHeader.indexOf(']', colon) < 0 && hostHeader.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            host = hostHeader.substring(0, colon);
            port = hostHeader.substring(colon);
        }
        if (scheme.equals("http") && port.equals(":80") || scheme.equals("https") && port.equals(":443")) {
            port = "";
        }
        String query = exchange.rawQuery();
        return scheme + "://" + host + port + exchange.rawPath() + (query == null ? "" : "?" + query);
    }

    private static String scheme(Exchange exchange) {
        String proto = exchange.requestHeaders().first("X-Forwarded-Proto");
        if (proto != null) {
            String p = proto.trim().toLowerCase(Locale.ROOT);
            if (p.equals("http") || p.equals("ws")) {
                return "http";
            }
            if (p.equals("https") || p.equals("wss")) {
                return "https";
            }
        }
        return exchange.scheme();
    }
}

package dev.junction.domain.middleware.redirect;

import dev.junction.domain.http.Exchange;
import java.util.Locale;

/**
 * The URL the client asked for, rebuilt as Traefik's redirect middlewares see it: the scheme of the connection,
 * host and port as the Host header gave them, then the request URI. {@code redirectScheme} also believes a trusted
 * {@code X-Forwarded-Proto} ({@code ws}/{@code wss} read as http/https) and drops the scheme's default port;
 * {@code redirectRegex} matches the Host header as sent.
 */
final class ClientUrl {
    private ClientUrl() {
    }

    /** What {@code redirectRegex} matches: connection scheme, Host header untouched. */
    static String asSent(Exchange exchange) {
        return exchange.scheme() + "://" + exchange.hostHeader() + requestUri(exchange);
    }

    /** What {@code redirectScheme} compares: forwarded scheme believed, the scheme's default port dropped. */
    static String asForwarded(Exchange exchange) {
        String scheme = forwardedScheme(exchange);
        String hostHeader = exchange.hostHeader();
        String host = hostHeader;
        String port = "";
        int colon = hostHeader.lastIndexOf(':');
        if (colon >= 0 && hostHeader.indexOf(']', colon) < 0
                && hostHeader.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            host = hostHeader.substring(0, colon);
            port = hostHeader.substring(colon);
        }
        if (scheme.equals("http") && port.equals(":80") || scheme.equals("https") && port.equals(":443")) {
            port = "";
        }
        return scheme + "://" + host + port + requestUri(exchange);
    }

    private static String requestUri(Exchange exchange) {
        String query = exchange.rawQuery();
        return exchange.rawPath() + (query == null ? "" : "?" + query);
    }

    private static String forwardedScheme(Exchange exchange) {
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

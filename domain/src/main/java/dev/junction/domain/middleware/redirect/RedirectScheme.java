package dev.junction.domain.middleware.redirect;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.middleware.Middleware;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code redirectScheme}: redirects to the same host and request URI on another scheme. The port becomes the
 * configured one, or none: as in Traefik, a request to {@code http://host:8080/} redirected to https without a
 * {@code port} goes to {@code https://host/}. A port that is the scheme's default is not written. A request
 * already at the target URL passes on.
 */
public final class RedirectScheme implements Middleware {
    private static final Pattern URL = Pattern.compile("^(https?://)?(\\[[\\w:.]+]|[\\w._-]+)?(:\\d+)?(.*)$",
            Pattern.DOTALL);

    private final String scheme;
    private final String port;
    private final boolean permanent;

    public RedirectScheme(String scheme, String port, boolean permanent) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(port, "port");
        if (scheme.isBlank()) {
            throw new IllegalArgumentException("scheme must not be empty");
        }
        this.scheme = scheme.trim().toLowerCase(Locale.ROOT);
        String p = port.trim();
        boolean defaultPort = this.scheme.equals("http") && p.equals("80") || this.scheme.equals("https") && p.equals("443");
        this.port = p.isEmpty() || defaultPort ? "" : ":" + p;
        this.permanent = permanent;
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String url = ClientUrl.asForwarded(exchange);
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            next.handle(exchange);
            return;
        }
        String host = m.group(2) == null ? "" : m.group(2);
        String target = scheme + "://" + host + port + m.group(4);
        if (target.equals(url)) {
            next.handle(exchange);
            return;
        }
        Redirect.send(exchange, target, permanent);
    }

    @Override
    public String toString() {
        return "redirectScheme " + scheme + port;
    }
}

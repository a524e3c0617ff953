package dev.junction.domain.middleware.headers;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * The security part of the {@code headers} middleware (Traefik uses {@code unrolled/secure}): a host outside
 * {@code allowedHosts} is refused with 500, and the response gets the configured security headers. HSTS is only
 * sent over TLS (or when a {@code sslProxyHeaders} entry says the client used TLS) unless forced;
 * {@code isDevelopment} switches off the host check, HSTS and key pinning.
 */
final class SecurityHeaders {
    private final MiddlewareConfig.Headers.Security config;
    private final List<String> allowedHosts;
    private final String sts;

    SecurityHeaders(MiddlewareConfig.Headers.Security config) {
        this.config = config;
        this.allowedHosts = config.allowedHosts();
        StringBuilder s = new StringBuilder("max-age=").append(config.stsSeconds());
        if (config.stsIncludeSubdomains()) {
            s.append("; includeSubDomains");
        }
        if (config.stsPreload()) {
            s.append("; preload");
        }
        this.sts = s.toString();
    }

    /**
     * True when the request's host is not one of {@code allowedHosts}: compared as sent, port included, ignoring
     * case, as {@code unrolled/secure} does.
     */
    boolean rejectsHost(Exchange exchange) {
        if (allowedHosts.isEmpty() || config.isDevelopment()) {
            return false;
        }
        String host = exchange.hostHeader();
        for (String header : config.hostsProxyHeaders()) {
            String value = exchange.requestHeaders().first(header);
            if (value != null && !value.isEmpty()) {
                host = value;
                break;
            }
        }
        String requested = host;
        return allowedHosts.stream().noneMatch(allowed -> allowed.equalsIgnoreCase(requested));
    }

    /** Whether the client reached Junction (or the proxy in front of it) over TLS; read before the answer. */
    boolean isTls(Exchange exchange) {
        if (exchange.scheme().equals("https")) {
            return true;
        }
        for (Map.Entry<String, String> e : config.sslProxyHeaders().entrySet()) {
            String value = exchange.requestHeaders().first(e.getKey());
            if (value != null && value.equals(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    void response(boolean tls, HttpHeaders response) {
        if (config.stsSeconds() > 0 && (tls || config.forceStsHeader()) && !config.isDevelopment()) {
            response.set("Strict-Transport-Security", sts);
        }
        if (!config.customFrameOptionsValue().isEmpty()) {
            response.set("X-Frame-Options", config.customFrameOptionsValue());
        } else if (config.frameDeny()) {
            response.set("X-Frame-Options", "DENY");
        }
        if (config.contentTypeNosniff()) {
            response.set("X-Content-Type-Options", "nosniff");
        }
        if (!config.customBrowserXssValue().isEmpty()) {
            response.set("X-XSS-Protection", config.customBrowserXssValue());
        } else if (config.browserXssFilter()) {
            response.set("X-XSS-Protection", "1; mode=block");
        }
        if (!config.contentSecurityPolicy().isEmpty()) {
            response.set("Content-Security-Policy", config.contentSecurityPolicy());
        }
        if (!config.contentSecurityPolicyReportOnly().isEmpty()) {
            response.set("Content-Security-Policy-Report-Only", config.contentSecurityPolicyReportOnly());
        }
        if (!config.publicKey().isEmpty() && tls && !config.isDevelopment()) {
            response.set("Public-Key-Pins", config.publicKey());
        }
        if (!config.referrerPolicy().isEmpty()) {
            response.set("Referrer-Policy", config.referrerPolicy());
        }
        if (!config.permissionsPolicy().isEmpty()) {
            response.set("Permissions-Policy", config.permissionsPolicy());
        }
    }
}

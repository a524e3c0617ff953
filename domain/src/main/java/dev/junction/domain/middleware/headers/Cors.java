package dev.junction.domain.middleware.headers;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.text.GoRegex;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CORS part of the {@code headers} middleware, as Traefik implements it. A preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered by Junction itself; other responses get
 * the allowed origin, credentials, exposed headers and optionally {@code Vary: Origin}. An allowed origin of
 * {@code *} with credentials echoes the request's origin, since browsers refuse {@code *} with credentials. Lists
 * are joined with {@code ,} and no space, as Traefik writes them.
 */
final class Cors {
    private final MiddlewareConfig.Headers.Cors config;
    private final List<Pattern> originPatterns;
    private final String allowHeaders;
    private final String allowMethods;
    private final String exposeHeaders;

    Cors(MiddlewareConfig.Headers.Cors config) {
        this.config = config;
        this.originPatterns = config.allowOriginListRegex().stream().map(GoRegex::compile).toList();
        this.allowHeaders = String.join(",", config.allowHeaders());
        this.allowMethods = String.join(",", config.allowMethods());
        this.exposeHeaders = String.join(",", config.exposeHeaders());
    }

    boolean isSet() {
        return config.isSet();
    }

    boolean isPreflight(Exchange exchange) {
        return config.isSet() && exchange.method().equals("OPTIONS")
                && !isEmpty(exchange.requestHeaders().first("Access-Control-Request-Method"))
                && !isEmpty(exchange.requestHeaders().first("Origin"));
    }

    void preflight(Exchange exchange, HttpHeaders response) {
        if (config.allowCredentials()) {
            response.set("Access-Control-Allow-Credentials", "true");
        }
        if (!allowHeaders.isEmpty()) {
            response.set("Access-Control-Allow-Headers", allowHeaders);
        }
        if (!allowMethods.isEmpty()) {
            response.set("Access-Control-Allow-Methods", allowMethods);
        }
        String origin = allowedOrigin(exchange.requestHeaders().first("Origin"));
        if (!origin.isEmpty()) {
            response.set("Access-Control-Allow-Origin", origin);
        }
        response.set("Access-Control-Max-Age", Long.toString(config.maxAge()));
    }

    void response(String requestOrigin, HttpHeaders response) {
        String origin = allowedOrigin(requestOrigin);
        if (!origin.isEmpty()) {
            response.set("Access-Control-Allow-Origin", origin);
        }
        if (config.allowCredentials()) {
            response.set("Access-Control-Allow-Credentials", "true");
        }
        if (!exposeHeaders.isEmpty()) {
            response.set("Access-Control-Expose-Headers", exposeHeaders);
        }
        if (config.addVaryHeader()) {
            String vary = response.first("Vary");
            if (vary == null || vary.isEmpty()) {
                response.set("Vary", "Origin");
            } else if (!vary.equals("Origin")) {
                response.set("Vary", vary + ",Origin");
            }
        }
    }

    private String allowedOrigin(String requestOrigin) {
        String origin = requestOrigin == null ? "" : requestOrigin;
        for (String allowed : config.allowOriginList()) {
            if (allowed.equals("*")) {
                return config.allowCredentials() && !origin.isEmpty() ? origin : "*";
            }
            if (allowed.equals(origin) && !origin.isEmpty()) {
                return origin;
            }
        }
        if (!origin.isEmpty()) {
            for (Pattern p : originPatterns) {
                if (p.matcher(origin).find()) {
                    return origin;
                }
            }
        }
        return "";
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}

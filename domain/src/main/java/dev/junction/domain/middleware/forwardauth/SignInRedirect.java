package dev.junction.domain.middleware.forwardauth;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ListHeaders;
import java.net.URI;

/**
 * The 302 forwardAuth sends to {@code authSigninURL} when the auth server answers 401, as Go's redirect writes
 * it: the URL as configured (a relative one resolved against the request's path), and for GET and HEAD a short
 * HTML link to it. Nothing is added to the URL; the sign-in page learns where the user was going its own way.
 */
final class SignInRedirect {
    private SignInRedirect() {
    }

    static void send(Exchange exchange, String url) {
        String location = resolved(exchange.rawPath(), url);
        ListHeaders headers = new ListHeaders();
        headers.set("Location", location);
        String method = exchange.method();
        if (method.equals("GET") || method.equals("HEAD")) {
            headers.set("Content-Type", "text/html; charset=utf-8");
            exchange.respond(302, headers, "<a href=\"" + html(location) + "\">Found</a>.\n\n");
        } else {
            exchange.respond(302, headers, "");
        }
    }

    private static String resolved(String requestPath, String url) {
        try {
            URI target = new URI(url);
            if (target.getScheme() != null || url.startsWith("/")) {
                return url;
            }
            return new URI(requestPath.isEmpty() ? "/" : requestPath).resolve(target).toString();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return url;
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }
}

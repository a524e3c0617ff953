package dev.junction.domain.middleware.redirect;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.StatusText;

/**
 * Traefik's redirect answer: 302 for GET and 307 otherwise (the method is kept), or 301 and 308 when permanent;
 * the body is the status text.
 */
final class Redirect {
    private Redirect() {
    }

    static void send(Exchange exchange, String location, boolean permanent) {
        boolean get = exchange.method().equals("GET");
        int status = permanent ? (get ? 301 : 308) : (get ? 302 : 307);
        ListHeaders headers = new ListHeaders();
        headers.set("Location", location);
        headers.set("Content-Type", "text/plain; charset=utf-8");
        exchange.respond(status, headers, StatusText.of(status));
    }
}

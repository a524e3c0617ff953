package dev.junction.application.proxy;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;

/** The headers of the short plain-text answers Junction writes itself (errors, 404). */
public final class PlainText {
    private PlainText() {
    }

    public static HttpHeaders headers() {
        ListHeaders h = new ListHeaders();
        h.add("Content-Type", "text/plain; charset=utf-8");
        h.add("X-Content-Type-Options", "nosniff");
        return h;
    }
}

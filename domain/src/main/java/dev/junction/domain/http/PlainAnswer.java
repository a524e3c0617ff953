package dev.junction.domain.http;

/**
 * The short plain-text answers middlewares give themselves (a refusal, a limit reached): one place decides their
 * headers, so every such answer is typed the same way.
 */
public final class PlainAnswer {
    private PlainAnswer() {
    }

    /** Headers of a plain-text answer, to which a caller may add its own (a challenge, a Location). */
    public static ListHeaders headers() {
        ListHeaders headers = new ListHeaders();
        headers.set("Content-Type", "text/plain; charset=utf-8");
        return headers;
    }

    /** Answers {@code status} with its status text as the body, as Traefik does. */
    public static void send(Exchange exchange, int status) {
        send(exchange, status, StatusText.of(status));
    }

    public static void send(Exchange exchange, int status, String body) {
        exchange.respond(status, headers(), body);
    }
}

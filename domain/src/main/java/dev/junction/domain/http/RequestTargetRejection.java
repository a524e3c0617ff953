package dev.junction.domain.http;

/**
 * A request path Junction refuses before routing, answered {@code 400 Bad Request} as Traefik's entrypoint does:
 * a literal {@code #}, a dangling {@code %} or a {@code %} not followed by two hex digits.
 */
public final class RequestTargetRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    RequestTargetRejection(String path, String reason) {
        super("invalid request path " + quote(path) + ": " + reason);
        this.path = path;
    }

    /** The status to answer with: always 400. */
    public int status() {
        return 400;
    }

    /** The path as received. */
    public String path() {
        return path;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

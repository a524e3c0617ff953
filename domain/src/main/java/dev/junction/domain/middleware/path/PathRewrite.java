package dev.junction.domain.middleware.path;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.RequestTarget;

/** What the path middlewares share: Traefik's leading-slash rule and its answer to a path that is not normal. */
final class PathRewrite {
    private PathRewrite() {
    }

    static String withLeadingSlash(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    /**
     * Sets the forwarded path, or answers 400 when it holds {@code .} or {@code ..} segments a backend could
     * resolve differently (Traefik v3.6.19/v3.7.3 refuses them too); true when the request may go on.
     */
    static boolean apply(Exchange exchange, String escapedPath) {
        if (!RequestTarget.isNormalised(escapedPath)) {
            PlainAnswer.send(exchange, 400, "Bad Request\n");
            return false;
        }
        exchange.setRawPath(escapedPath);
        return true;
    }

    /**
     * The escaped path with {@code decodedPrefix} removed from the front of its decoded form; the escaped text is
     * cut directly when it starts with the prefix as written, as Traefik cuts {@code RawPath}.
     */
    static String strip(String escaped, String decoded, String decodedPrefix) {
        String rest = decoded.substring(decodedPrefix.length());
        if (escaped.startsWith(decodedPrefix)) {
            return withLeadingSlash(escaped.substring(decodedPrefix.length()));
        }
        return withLeadingSlash(RequestTarget.escape(rest));
    }
}

package dev.junction.domain.forwarding;

import dev.junction.domain.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Headers that describe one connection, not the message, and so must not cross a proxy: the fixed list of
 * RFC 9110 plus whatever the sender names in {@code Connection}.
 */
public final class HopByHopHeaders {
    private static final String[] FIXED = {"connection", "keep-alive", "proxy-connection",
        "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"};

    private HopByHopHeaders() {
    }

    /** Whether a header is one of RFC 9110's hop-by-hop headers, in any case, without allocating. */
    public static boolean isHopByHop(String name) {
        for (String fixed : FIXED) {
            if (fixed.length() == name.length() && fixed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The header names listed in every {@code Connection} header line, lower-cased. */
    public static List<String> namedInConnection(HttpHeaders headers) {
        List<String> lines = headers.all("Connection");
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            for (String token : line.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    names.add(t);
                }
            }
        }
        return names;
    }

    /**
     * Whether {@code name} is one of {@code named} (as {@link #namedInConnection} gives them), in any case and in any
     * locale, without allocating.
     */
    public static boolean isNamed(List<String> named, String name) {
        for (String n : named) {
            if (n.length() == name.length() && n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the client said, with {@code TE: trailers}, that it takes trailer fields; the one TE a proxy keeps. */
    public static boolean acceptsTrailers(HttpHeaders headers) {
        for (String line : headers.all("TE")) {
            for (String token : line.split(",")) {
                String t = token.trim();
                int semicolon = t.indexOf(';');
                if ((semicolon < 0 ? t : t.substring(0, semicolon).trim()).equalsIgnoreCase("trailers")) {
                    return true;
                }
            }
        }
        return false;
    }
}

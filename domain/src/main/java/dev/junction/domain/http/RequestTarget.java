package dev.junction.domain.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The path of a request as Traefik's entrypoint prepares it, in the same order: reject a literal {@code #},
 * normalise escapes (decode unreserved {@code %XX}, upper-case the others), sanitise like Go's
 * {@code URL.JoinPath()} ({@code .}, {@code ..}, {@code //} collapsed, a trailing slash kept, never above root),
 * then derive the routing path by decoding every escape except the RFC 3986 reserved ones and {@code %25}.
 * {@code /foo/%2E%2E/bar} routes as {@code /bar}; {@code /foo%2Fbar} keeps {@code %2F} so
 * {@code PathPrefix(`/foo/bar`)} cannot be fooled; {@code /foo%20bar} routes as {@code /foo bar}.
 *
 * @param rawPath     the normalised, sanitised escaped path: what is forwarded upstream
 * @param routingPath what {@code Path}, {@code PathPrefix} and {@code PathRegexp} see
 */
public record RequestTarget(String rawPath, String routingPath) {

    public RequestTarget {
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(routingPath, "routingPath");
    }

    /**
     * Prepares a received path (the request-target without its query) with sanitising on, Traefik's default.
     *
     * @throws RequestTargetRejection when the request must be answered 400
     */
    public static RequestTarget of(String receivedPath) {
        return of(receivedPath, true);
    }

    /**
     * Prepares a received path; {@code sanitize} is the entrypoint's {@code http.sanitizePath}.
     *
     * @throws RequestTargetRejection when the request must be answered 400
     */
    public static RequestTarget of(String receivedPath, boolean sanitize) {
        Objects.requireNonNull(receivedPath, "receivedPath");
        if (receivedPath.indexOf('#') >= 0) {
            throw new RequestTargetRejection(receivedPath, "a literal '#' is not allowed");
        }
        String escaped = goEscapedPath(normalise(receivedPath));
        String raw = sanitize ? joinPath(escaped) : escaped;
        return new RequestTarget(raw, routingPath(raw));
    }

    /** Every {@code %XX} of an escaped path decoded (UTF-8): what Go calls the URL's {@code Path}. */
    public static String unescape(String escaped) {
        return escaped.indexOf('%') < 0 ? escaped : new String(decodeAll(escaped), StandardCharsets.UTF_8);
    }

    /** A decoded path escaped as Go's {@code URL.EscapedPath()} would write it. */
    public static String escape(String decoded) {
        return escapePath(decoded.getBytes(StandardCharsets.UTF_8));
    }

    /** True when a path holds no {@code .} or {@code ..} segment and no empty segment ({@code //}). */
    public static boolean isNormalised(String path) {
        return isClean(path.startsWith("/") ? path : "/" + path);
    }

    /**
     * The canonical host of a {@code Host} header (or absolute-form URI authority): port and {@code [v6]} brackets
     * removed, trimmed, lower-cased, one trailing dot dropped; "" for null or empty.
     */
    public static String canonicalHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return "";
        }
        String host = hostHeader;
        if (host.indexOf(':') >= 0 || host.startsWith("[")) {
            host = withoutPort(host);
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    /** Like Go's {@code net.SplitHostPort} host part, or the input unchanged when it is not host:port. */
    private static String withoutPort(String address) {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                return address;
            }
            if (close == address.length() - 1 || address.charAt(close + 1) == ':') {
                return address.substring(1, close);
            }
            return address;
        }
        int colon = address.lastIndexOf(':');
        if (address.indexOf(':') != colon) {
            return address; // a bare IPv6 literal: too many colons to hold a port
        }
        return address.substring(0, colon);
    }

    // ---- normalisation (pkg/server/server_entrypoint_tcp.go normalizePath) ----

    private static String normalise(String path) {
        int percent = path.indexOf('%');
        if (percent < 0) {
            return path;
        }
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        out.append(path, 0, percent);
        for (int i = percent; i < n; i++) {
            char c = path.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= n) {
                throw new RequestTargetRejection(path, "dangling '%' at the end of the path");
            }
            int hi = hex(path.charAt(i + 1));
            int lo = hex(path.charAt(i + 2));
            if (hi < 0 || lo < 0) {
                throw new RequestTargetRejection(path, "invalid escape " + path.substring(i, i + 3));
            }
            int v = hi * 16 + lo;
            if (isUnreserved(v)) {
                out.append((char) v);
            } else {
                appendEscape(out, v);
            }
            i += 2;
        }
        return out.toString();
    }

    /**
     * What Go's {@code URL.EscapedPath()} returns for a path received as {@code path}: the path itself when it only
     * holds characters allowed unescaped in a path, otherwise the decoded path escaped again (Go's fallback).
     */
    private static String goEscapedPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (!isValidInEscapedPath(path.charAt(i))) {
                return escapePath(decodeAll(path));
            }
        }
        return path;
    }

    private static boolean isValidInEscapedPath(char c) {
        return c < 0x80 && (isUnreserved(c) || "!$&'()*+,;=:@[]%/".indexOf(c) >= 0);
    }

    private static byte[] decodeAll(String path) {
        byte[] in = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int w = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length) {
                out[w++] = (byte) (hex((char) in[i + 1]) * 16 + hex((char) in[i + 2]));
                i += 2;
            } else {
                out[w++] = in[i];
            }
        }
        return java.util.Arrays.copyOf(out, w);
    }

    /** Go's {@code escape(s, encodePath)}. */
    private static String escapePath(byte[] decoded) {
        StringBuilder out = new StringBuilder(decoded.length + 16);
        for (byte b : decoded) {
            int v = b & 0xFF;
            if (v < 0x80 && (isUnreserved(v) || "$&+,/:;=@".indexOf(v) >= 0)) {
                out.append((char) v);
            } else {
                appendEscape(out, v);
            }
        }
        return out.toString();
    }

    // ---- sanitising (Go URL.JoinPath with no elements) ----

    private static String joinPath(String escaped) {
        boolean relative = !escaped.startsWith("/");
        String first = relative ? "/" + escaped : escaped;
        if (!relative && isClean(first)) {
            return first;
        }
        String cleaned = clean(first);
        String p = relative ? cleaned.substring(1) : cleaned;
        if (first.endsWith("/") && !p.endsWith("/")) {
            p += "/";
        }
        return p;
    }

    /** True when Go's {@code path.Clean} would leave a rooted path unchanged apart from a trailing slash. */
    private static boolean isClean(String path) {
        int n = path.length();
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) != '/') {
                continue;
            }
            int next = i + 1;
            if (next < n && path.charAt(next) == '/') {
                return false;
            }
            if (next < n && path.charAt(next) == '.') {
                int after = next + 1;
                if (after == n || path.charAt(after) == '/') {
                    return false;
                }
                if (path.charAt(after) == '.' && (after + 1 == n || path.charAt(after + 1) == '/')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Go's {@code path.Clean}: lexical processing of {@code .}, {@code ..} and repeated slashes. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            char c = path.charAt(r);
            if (c == '/') {
                r++;
            } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r++));
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }

    // ---- routing path (pkg/muxer/http/mux.go withRoutingPath) ----

    private static String routingPath(String escaped) {
        int percent = escaped.indexOf('%');
        if (percent < 0) {
            return escaped;
        }
        int n = escaped.length();
        byte[] out = new byte[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            char c = escaped.charAt(i);
            if (c != '%') {
                out[w++] = (byte) c;
                continue;
            }
            if (i + 2 >= n) {
                throw new RequestTargetRejection(escaped, "dangling '%' at the end of the path");
            }
            int v = hex(escaped.charAt(i + 1)) * 16 + hex(escaped.charAt(i + 2));
            if (isReserved(v)) {
                out[w++] = '%';
                out[w++] = (byte) escaped.charAt(i + 1);
                out[w++] = (byte) escaped.charAt(i + 2);
            } else {
                out[w++] = (byte) v;
            }
            i += 2;
        }
        return new String(out, 0, w, StandardCharsets.UTF_8);
    }

    private static boolean isReserved(int v) {
        return v == '%' || v < 0x80 && ":/?#[]@!$&'()*+,;=".indexOf(v) >= 0;
    }

    private static boolean isUnreserved(int v) {
        return v >= 'a' && v <= 'z' || v >= 'A' && v <= 'Z' || v >= '0' && v <= '9'
                || v == '-' || v == '.' || v == '_' || v == '~';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static void appendEscape(StringBuilder out, int v) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
    }
}

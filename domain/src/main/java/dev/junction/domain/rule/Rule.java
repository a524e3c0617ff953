package dev.junction.domain.rule;

import dev.junction.domain.http.RoutingRequest;
import dev.junction.domain.net.IpRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed Traefik v3 router rule: a tree of {@code &&}, {@code ||}, {@code !} over matchers. It is built once per
 * configuration by {@link RuleParser} (regexes compiled, values validated) so that {@link #matches} on the request
 * path only compares strings. {@link #toString()} writes the rule back in Traefik syntax; {@link #explain} tells
 * a person why a request did or did not match ({@code junction explain}).
 *
 * <p>Traefik pushes {@code !} down to the matchers with De Morgan's laws; this tree keeps {@code !} where it was
 * written, which matches the same requests and reads back the way the user wrote it.
 */
public sealed interface Rule permits Rule.And, Rule.Or, Rule.Not, Rule.Matcher {

    /** Whether {@code request} satisfies this rule. Never allocates beyond what the request accessors do. */
    boolean matches(RoutingRequest request);

    /**
     * Why this rule evaluates the way it does for {@code request}, one readable line per deciding matcher. For a
     * rule that does not match these are the matchers that failed, e.g.
     * {@code Host(`example.com`) is false: host is "foo.com"}; for a matching rule, the matchers that held.
     */
    default List<String> explain(RoutingRequest request) {
        Objects.requireNonNull(request, "request");
        List<String> lines = new ArrayList<>();
        collect(this, request, lines);
        return List.copyOf(lines);
    }

    private static void collect(Rule rule, RoutingRequest request, List<String> lines) {
        boolean result = rule.matches(request);
        if (rule instanceof Matcher m) {
            lines.add(m + " is " + result + ": " + m.observed(request));
        } else if (rule instanceof And a) {
            // true: every operand held; false: only the operands that failed matter.
            for (Rule operand : List.of(a.left(), a.right())) {
                if (result || !operand.matches(request)) {
                    collect(operand, request, lines);
                }
            }
        } else if (rule instanceof Or o) {
            for (Rule operand : List.of(o.left(), o.right())) {
                if (!result || operand.matches(request)) {
                    collect(operand, request, lines);
                }
            }
        } else if (rule instanceof Not n) {
            if (n.rule() instanceof Matcher m) {
                lines.add(n + " is " + result + ": " + m.observed(request));
            } else {
                lines.add(n + " is " + result + " because " + n.rule() + " is " + !result + ":");
                collect(n.rule(), request, lines);
            }
        }
    }

    /** Both operands must match ({@code left && right}). */
    record And(Rule left, Rule right) implements Rule {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return left.matches(request) && right.matches(request);
        }

        @Override
        public String toString() {
            return operand(left) + " && " + operand(right);
        }

        private static String operand(Rule r) {
            return r instanceof Or ? "(" + r + ")" : r.toString();
        }
    }

    /** Either operand must match ({@code left || right}). */
    record Or(Rule left, Rule right) implements Rule {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return left.matches(request) || right.matches(request);
        }

        @Override
        public String toString() {
            return left + " || " + right;
        }
    }

    /** The operand must not match ({@code !rule}). */
    record Not(Rule rule) implements Rule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return !rule.matches(request);
        }

        @Override
        public String toString() {
            return rule instanceof Matcher || rule instanceof Not ? "!" + rule : "!(" + rule + ")";
        }
    }

    /** A leaf of the rule: one Traefik matcher with its values. */
    sealed interface Matcher extends Rule
            permits Host, HostRegexp, Path, PathPrefix, PathRegexp, Method, Header, HeaderRegexp, Query,
            QueryRegexp, ClientIP {

        /** What the request had that this matcher looked at, e.g. {@code host is "foo.com"}. */
        String observed(RoutingRequest request);
    }

    /**
     * {@code Host(domain)}: the canonical request host equals {@code domain} ignoring case and a trailing dot on
     * either side. {@code *.example.com} matches exactly one extra label; a bare {@code *} matches every request,
     * even one without a host. Otherwise an empty host never matches.
     */
    record Host(String domain) implements Matcher {
        public Host {
            RuleText.requireValue("Host", "domain", domain);
            if (!RuleText.isAscii(domain)) {
                throw new IllegalArgumentException("invalid value " + RuleText.quoted(domain)
                        + " for Host matcher, non-ASCII characters are not allowed (use punycode)");
            }
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return matches(domain, request.host());
        }

        static boolean matches(String domain, String host) {
            int dl = domain.length();
            if (dl == 1 && domain.charAt(0) == '*') {
                return true;
            }
            int hl = host.length();
            if (hl == 0) {
                return false;
            }
            if (domain.charAt(dl - 1) == '.') {
                dl--;
            }
            if (host.charAt(hl - 1) == '.') {
                hl--;
            }
            if (dl >= 2 && domain.charAt(0) == '*' && domain.charAt(1) == '.') {
                int suffix = dl - 1;
                int label = hl - suffix;
                if (label <= 0 || !host.regionMatches(true, label, domain, 1, suffix)) {
                    return false;
                }
                for (int i = 0; i < label; i++) {
                    if (host.charAt(i) == '.') {
                        return false;
                    }
                }
                return true;
            }
            return hl == dl && host.regionMatches(true, 0, domain, 0, dl);
        }

        @Override
        public String observed(RoutingRequest request) {
            return describeHost(request);
        }

        @Override
        public String toString() {
            return RuleText.call("Host", domain);
        }
    }

    /** {@code HostRegexp(re)}: {@code re} matches anywhere in the canonical (lower-case, port-less) host. */
    record HostRegexp(GoRegexp regexp) implements Matcher {
        public HostRegexp {
            Objects.requireNonNull(regexp, "regexp");
            if (!RuleText.isAscii(regexp.source())) {
                throw new IllegalArgumentException("invalid value " + RuleText.quoted(regexp.source())
                        + " for HostRegexp matcher, non-ASCII characters are not allowed");
            }
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return regexp.matchString(request.host());
        }

        @Override
        public String observed(RoutingRequest request) {
            return describeHost(request);
        }

        @Override
        public String toString() {
            return RuleText.call("HostRegexp", regexp.source());
        }
    }

    /** {@code Path(p)}: the routing path equals {@code p} exactly ({@code /css} is not {@code /css/}). */
    record Path(String path) implements Matcher {
        public Path {
            requirePath("Path", path);
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return path.equals(request.path());
        }

        @Override
        public String observed(RoutingRequest request) {
            return describePath(request);
        }

        @Override
        public String toString() {
            return RuleText.call("Path", path);
        }
    }

    /** {@code PathPrefix(p)}: the routing path starts with {@code p}; a plain string prefix, not segment-aware. */
    record PathPrefix(String prefix) implements Matcher {
        public PathPrefix {
            requirePath("PathPrefix", prefix);
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return request.path().startsWith(prefix);
        }

        @Override
        public String observed(RoutingRequest request) {
            return describePath(request);
        }

        @Override
        public String toString() {
            return RuleText.call("PathPrefix", prefix);
        }
    }

    /** {@code PathRegexp(re)}: {@code re} matches anywhere in the routing path (case-sensitive unless (?i)). */
    record PathRegexp(GoRegexp regexp) implements Matcher {
        public PathRegexp {
            Objects.requireNonNull(regexp, "regexp");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return regexp.matchString(request.path());
        }

        @Override
        public String observed(RoutingRequest request) {
            return describePath(request);
        }

        @Override
        public String toString() {
            return RuleText.call("PathRegexp", regexp.source());
        }
    }

    /** {@code Method(m)}: {@code m} is upper-cased here and compared case-sensitively ({@code get} is not GET). */
    record Method(String method) implements Matcher {
        public Method {
            method = RuleText.requireValue("Method", "method", method).toUpperCase(Locale.ROOT);
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return method.equals(request.method());
        }

        @Override
        public String observed(RoutingRequest request) {
            return "method is " + RuleText.quoted(request.method());
        }

        @Override
        public String toString() {
            return RuleText.call("Method", method);
        }
    }

    /**
     * {@code Header(name, value)}: some value line of header {@code name} (any case) equals {@code value} exactly.
     * {@code Host} is never a header to Traefik (Go moves it out of the header map), so it never matches.
     */
    record Header(String name, String value) implements Matcher {
        public Header {
            RuleText.requireValue("Header", "name", name);
            RuleText.requireValue("Header", "value", value);
        }

        @Override
        public boolean matches(RoutingRequest request) {
            if (name.equalsIgnoreCase("Host")) {
                return false;
            }
            List<String> values = request.headerValues(name);
            for (int i = 0, n = values.size(); i < n; i++) {
                if (value.equals(values.get(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String observed(RoutingRequest request) {
            return describeHeader(name, request);
        }

        @Override
        public String toString() {
            return RuleText.call("Header", name, value);
        }
    }

    /** {@code HeaderRegexp(name, re)}: {@code re} matches anywhere in some value line of header {@code name}. */
    record HeaderRegexp(String name, GoRegexp regexp) implements Matcher {
        public HeaderRegexp {
            RuleText.requireValue("HeaderRegexp", "name", name);
            Objects.requireNonNull(regexp, "regexp");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            if (name.equalsIgnoreCase("Host")) {
                return false;
            }
            List<String> values = request.headerValues(name);
            for (int i = 0, n = values.size(); i < n; i++) {
                if (regexp.matchString(values.get(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String observed(RoutingRequest request) {
            return describeHeader(name, request);
        }

        @Override
        public String toString() {
            return RuleText.call("HeaderRegexp", name, regexp.source());
        }
    }

    /**
     * {@code Query(key)} / {@code Query(key, value)}: the query has parameter {@code key} with a value equal to
     * {@code value}; the one-argument form ({@code value} "") means {@code ?key} or {@code ?key=}. Case-sensitive.
     */
    record Query(String key, String value) implements Matcher {
        public Query {
            RuleText.requireValue("Query", "key", key);
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            List<String> values = request.queryValues(key);
            if (values == null) {
                return false;
            }
            for (int i = 0, n = values.size(); i < n; i++) {
                if (value.equals(values.get(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String observed(RoutingRequest request) {
            return describeQuery(key, request);
        }

        @Override
        public String toString() {
            return value.isEmpty() ? RuleText.call("Query", key) : RuleText.call("Query", key, value);
        }
    }

    /** {@code QueryRegexp(key, re)}: {@code re} matches anywhere in some value of query parameter {@code key}. */
    record QueryRegexp(String key, GoRegexp regexp) implements Matcher {
        public QueryRegexp {
            RuleText.requireValue("QueryRegexp", "key", key);
            Objects.requireNonNull(regexp, "regexp");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            List<String> values = request.queryValues(key);
            if (values == null) {
                return false;
            }
            for (int i = 0, n = values.size(); i < n; i++) {
                if (regexp.matchString(values.get(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String observed(RoutingRequest request) {
            return describeQuery(key, request);
        }

        @Override
        public String toString() {
            return RuleText.call("QueryRegexp", key, regexp.source());
        }
    }

    /** {@code ClientIP(ip|cidr)}: the connected peer (never X-Forwarded-For) is in {@code range}. */
    record ClientIP(IpRange range) implements Matcher {
        public ClientIP {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public boolean matches(RoutingRequest request) {
            return range.contains(request.clientAddress());
        }

        @Override
        public String observed(RoutingRequest request) {
            InetAddress address = request.clientAddress();
            return address == null ? "client address is unknown" : "client address is " + address.getHostAddress();
        }

        @Override
        public String toString() {
            return RuleText.call("ClientIP", range.toString());
        }
    }

    private static void requirePath(String matcher, String path) {
        RuleText.requireValue(matcher, "path", path);
        if (path.charAt(0) != '/') {
            throw new IllegalArgumentException("path " + RuleText.quoted(path) + " does not start with a '/'");
        }
    }

    private static String describeHost(RoutingRequest request) {
        String host = request.host();
        return host.isEmpty() ? "request has no host" : "host is " + RuleText.quoted(host);
    }

    private static String describePath(RoutingRequest request) {
        return "path is " + RuleText.quoted(request.path());
    }

    private static String describeHeader(String name, RoutingRequest request) {
        if (name.equalsIgnoreCase("Host")) {
            return "Host is not a header to rules, use the Host matcher";
        }
        List<String> values = request.headerValues(name);
        return values.isEmpty()
                ? "header " + RuleText.quoted(name) + " is absent"
                : "header " + RuleText.quoted(name) + " is " + RuleText.quotedList(values);
    }

    private static String describeQuery(String key, RoutingRequest request) {
        List<String> values = request.queryValues(key);
        return values == null
                ? "query parameter " + RuleText.quoted(key) + " is absent"
                : "query parameter " + RuleText.quoted(key) + " is " + RuleText.quotedList(values);
    }
}

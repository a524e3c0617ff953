package dev.junction.domain.rule;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression written for Go's RE2 and matched like Go's {@code MatchString}: unanchored (a match
 * anywhere counts), {@code $} only at the very end of the text, {@code .} anything but {@code \n}. Traefik rules
 * are written against Go, so the pattern is translated once to {@link Pattern} at parse time (named groups
 * {@code (?P<n>..)}, POSIX classes {@code [[:alpha:]]}, a literal {@code [} or {@code &} inside a class, a
 * {@code {} that is not a repetition such as v2's {@code {name:re}}); matching then reuses one {@link Matcher}
 * per thread so the request path neither compiles nor allocates a matcher.
 */
public final class GoRegexp {
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "Alnum"), Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"),
            Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"),
            Map.entry("graph", "Graph"), Map.entry("lower", "Lower"), Map.entry("print", "Print"),
            Map.entry("punct", "Punct"), Map.entry("space", "Space"), Map.entry("upper", "Upper"),
            Map.entry("xdigit", "XDigit"));

    private final String source;
    private final Pattern pattern;
    private final ThreadLocal<Matcher> matchers;

    private GoRegexp(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
        this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
    }

    /**
     * Compiles {@code source}.
     *
     * @throws IllegalArgumentException with a readable reason when the expression is invalid
     */
    public static GoRegexp compile(String source) {
        Objects.requireNonNull(source, "source");
        try {
            return new GoRegexp(source, Pattern.compile(translate(source), Pattern.UNIX_LINES | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression `" + source + "`: " + e.getDescription(), e);
        }
    }

    /** Whether the expression matches anywhere in {@code text}, like Go's {@code Regexp.MatchString}. */
    public boolean matchString(CharSequence text) {
        Matcher m = matchers.get();
        m.reset(text);
        boolean found = m.find();
        m.reset("");
        return found;
    }

    /** The expression as written in the rule. */
    public String source() {
        return source;
    }

    /** The translated Java pattern (for diagnostics). */
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoRegexp g && g.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    /** Rewrites the RE2 constructs whose meaning differs in java.util.regex. */
    static String translate(String re) {
        StringBuilder out = new StringBuilder(re.length() + 8);
        boolean multiline = false;
        int n = re.length();
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && re.charAt(i + 1) == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    int stop = end < 0 ? n : end + 2;
                    out.append(re, i, stop);
                    i = stop;
                    continue;
                }
                out.append(re, i, Math.min(n, i + 2));
                i += 2;
            } else if (c == '[') {
                i = translateClass(re, i, out);
            } else if (c == '(' && re.startsWith("(?P<", i)) {
                int close = re.indexOf('>', i);
                if (close < 0) {
                    out.append(c);
                    i++;
                } else {
                    out.append('(');
                    i = close + 1;
                }
            } else if (c == '(' && i + 1 < n && re.charAt(i + 1) == '?') {
                int j = i + 2;
                boolean negated = false;
                while (j < n && Character.isLetter(re.charAt(j)) || j < n && re.charAt(j) == '-') {
                    if (re.charAt(j) == '-') {
                        negated = true;
                    } else if (re.charAt(j) == 'm' && !negated) {
                        multiline = true;
                    }
                    j++;
                }
                out.append(re, i, j);
                i = j;
            } else if (c == '$' && !multiline) {
                out.append("\\z");
                i++;
            } else if (c == '{' && !isRepetition(re, i)) {
                out.append("\\{");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int translateClass(String re, int start, StringBuilder out) {
        int n = re.length();
        int i = start + 1;
        out.append('[');
        if (i < n && re.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (i < n) {
            char c = re.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                return i + 1;
            }
            first = false;
            if (c == '\\') {
                out.append(re, i, Math.min(n, i + 2));
                i += 2;
            } else if (c == '[' && re.startsWith("[:", i)) {
                int end = re.indexOf(":]", i + 2);
                String name = end < 0 ? null : re.substring(i + 2, end);
                boolean negated = name != null && name.startsWith("^");
                String key = negated ? name.substring(1) : name;
                if (key != null && (POSIX_CLASSES.containsKey(key) || key.equals("word"))) {
                    String javaClass = key.equals("word") ? (negated ? "\\W" : "\\w")
                            : (negated ? "\\P{" : "\\p{") + POSIX_CLASSES.get(key) + "}";
                    out.append(javaClass);
                    i = end + 2;
                } else {
                    out.append("\\[");
                    i++;
                }
            } else if (c == '[' || c == '&' || c == ']') {
                out.append('\\').append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }

    private static boolean isRepetition(String re, int open) {
        int n = re.length();
        int i = open + 1;
        int digits = 0;
        while (i < n && Character.isDigit(re.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && re.charAt(i) == ',') {
            i++;
            while (i < n && Character.isDigit(re.charAt(i))) {
                i++;
            }
        }
        return i < n && re.charAt(i) == '}';
    }
}

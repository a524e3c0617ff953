package dev.junction.domain.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replacement written in Go's {@code Regexp.Expand} syntax, which Traefik's regex middlewares use: {@code $1} or
 * {@code ${1}} for a numbered group, {@code $name} or {@code ${name}} for a named one, {@code $$} for a dollar.
 * Unlike Java, a name runs as long as letters, digits and underscores follow, so {@code $1x} means the group named
 * {@code 1x} (empty), not group 1 then {@code x}; write {@code ${1}x} for that. A group that does not exist or did
 * not take part in the match expands to nothing. Parsed once, expanded per request.
 */
public final class GoTemplate {
    private sealed interface Part permits Literal, Group, Named {
    }

    private record Literal(String text) implements Part {
    }

    private record Group(int index) implements Part {
    }

    private record Named(String name) implements Part {
    }

    private final String text;
    private final List<Part> parts;

    private GoTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    public static GoTemplate of(String template) {
        Objects.requireNonNull(template, "template");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= n) {
                literal.append(c);
                i++;
                continue;
            }
            char d = template.charAt(i + 1);
            if (d == '$') {
                literal.append('$');
                i += 2;
                continue;
            }
            int start;
            int end;
            int after;
            if (d == '{') {
                start = i + 2;
                end = start;
                while (end < n && isNameChar(template.charAt(end))) {
                    end++;
                }
                if (end == start || end >= n || template.charAt(end) != '}') {
                    literal.append('$');
                    i++;
                    continue;
                }
                after = end + 1;
            } else {
                start = i + 1;
                end = start;
                while (end < n && isNameChar(template.charAt(end))) {
                    end++;
                }
                if (end == start) {
                    literal.append('$');
                    i++;
                    continue;
                }
                after = end;
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            String name = template.substring(start, end);
            parts.add(isNumber(name) ? new Group(parseIndex(name)) : new Named(name));
            i = after;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new GoTemplate(template, parts);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The template expanded for the current match of {@code m}. */
    public String expand(Matcher m) {
        StringBuilder out = new StringBuilder();
        expandInto(m, out);
        return out.toString();
    }

    /**
     * Every match of {@code pattern} in {@code input} replaced by this template, as Go's ReplaceAllString: an empty
     * match right after a previous match is not a match ({@code (.*)} on {@code /a} matches once, not twice).
     */
    public String replaceAll(Pattern pattern, String input) {
        Matcher m = pattern.matcher(input);
        StringBuilder out = new StringBuilder(input.length() + 16);
        int last = 0;
        int previousEnd = -1;
        while (m.find()) {
            if (m.start() == m.end() && m.start() == previousEnd) {
                continue;
            }
            out.append(input, last, m.start());
            expandInto(m, out);
            last = m.end();
            previousEnd = m.end();
        }
        out.append(input, last, input.length());
        return out.toString();
    }

    private void expandInto(Matcher m, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Group g) {
                if (g.index() <= m.groupCount() && m.group(g.index()) != null) {
                    out.append(m.group(g.index()));
                }
            } else {
                String value = named(m, ((Named) part).name());
                if (value != null) {
                    out.append(value);
                }
            }
        }
    }

    private static String named(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** Go reads a name as a group number only when it is ASCII digits without a leading zero ({@code 01} is a name). */
    private static boolean isNumber(String name) {
        return name.chars().allMatch(c -> c >= '0' && c <= '9') && !(name.length() > 1 && name.charAt(0) == '0');
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLarge) {
            return Integer.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

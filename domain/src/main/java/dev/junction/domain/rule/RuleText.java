package dev.junction.domain.rule;

import java.util.List;

/** How rules and request values are written back for people: rule literals and quoted request values. */
final class RuleText {
    private RuleText() {
    }

    /** A rule literal: backquoted, or a Go double-quoted string when the value itself holds a backquote. */
    static String literal(String value) {
        return value.indexOf('`') < 0 ? "`" + value + "`" : quoted(value);
    }

    /** {@code name(`a`, `b`)}. */
    static String call(String name, String... args) {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(literal(args[i]));
        }
        return b.append(')').toString();
    }

    /** A double-quoted string with Go escapes for quotes, backslashes and control characters. */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code ["a", "b"]}. */
    static String quotedList(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(quoted(values.get(i)));
        }
        return b.append(']').toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static String requireValue(String matcher, String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(matcher + " needs a non-empty " + what);
        }
        return value;
    }
}

package dev.junction.domain.rule;

import dev.junction.domain.net.IpRange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses Traefik v3 rule text into a {@link Rule}. Traefik parses rules as Go expressions, so this follows Go:
 * {@code &&} binds tighter than {@code ||}, {@code !} tighter than both, values are Go string literals (backquoted
 * raw strings or double-quoted strings with Go escapes), a newline right after a value, a name or {@code )} ends
 * the expression (Go inserts a semicolon), and a call may end with a trailing comma. Matcher names are accepted
 * as written in the docs, all lower-case, ALL UPPER-CASE or Capitalised-lower-case ({@code Pathprefix}), exactly
 * the spellings Traefik registers. Every value is validated and every regex compiled here, once.
 */
public final class RuleParser {
    private static final int MAX_DEPTH = 500;
    private static final Map<String, String> SPELLINGS = spellings(
            "Host", "HostRegexp", "Path", "PathPrefix", "PathRegexp", "Method", "Header", "HeaderRegexp", "Query",
            "QueryRegexp", "ClientIP");

    private RuleParser() {
    }

    /**
     * Parses {@code rule}.
     *
     * @throws RuleSyntaxException when the rule is not a valid Traefik v3 rule
     */
    public static Rule parse(String rule) {
        Objects.requireNonNull(rule, "rule");
        return new Run(rule).parseRule();
    }

    private static Map<String, String> spellings(String... names) {
        Map<String, String> map = new HashMap<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            map.put(name, name);
            map.put(lower, name);
            map.put(name.toUpperCase(Locale.ROOT), name);
            map.put(Character.toUpperCase(lower.charAt(0)) + lower.substring(1), name);
        }
        return Map.copyOf(map);
    }

    private enum Kind { IDENT, STRING, LPAREN, RPAREN, COMMA, AND, OR, NOT, NEWLINE, ILLEGAL, EOF }

    private record Token(Kind kind, String text, String value, int start) {
        String describe() {
            return switch (kind) {
                case EOF -> "end of rule";
                case NEWLINE -> "newline";
                case STRING -> "string " + text;
                case IDENT -> "name " + text;
                default -> "'" + text + "'";
            };
        }
    }

    /** One parse of one rule: a Go-like scanner feeding a recursive-descent parser. */
    private static final class Run {
        private final String rule;
        private final List<Token> tokens = new ArrayList<>();
        private int next;
        private int depth;

        Run(String rule) {
            this.rule = rule;
        }

        Rule parseRule() {
            scan();
            if (tokens.get(0).kind == Kind.EOF) {
                throw error("empty rule", 0);
            }
            Rule result = parseOr();
            Token t = take();
            if (t.kind == Kind.NEWLINE && peek().kind == Kind.EOF) {
                t = take();
            }
            if (t.kind != Kind.EOF) {
                if (t.kind == Kind.RPAREN) {
                    throw error("unbalanced parentheses: ')' without a matching '('", t.start);
                }
                throw error("expected '&&', '||' or end of rule but found " + t.describe(), t.start);
            }
            return result;
        }

        private Rule parseOr() {
            Rule left = parseAnd();
            while (peek().kind == Kind.OR) {
                take();
                left = new Rule.Or(left, parseAnd());
            }
            return left;
        }

        private Rule parseAnd() {
            Rule left = parseUnary();
            while (peek().kind == Kind.AND) {
                take();
                left = new Rule.And(left, parseUnary());
            }
            return left;
        }

        private Rule parseUnary() {
            if (++depth > MAX_DEPTH) {
                throw error("rule is nested too deeply", peek().start);
            }
            try {
                Token t = take();
                switch (t.kind) {
                    case NOT:
                        return new Rule.Not(parseUnary());
                    case LPAREN: {
                        Rule inner = parseOr();
                        Token close = take();
                        if (close.kind != Kind.RPAREN) {
                            throw error(close.kind == Kind.EOF
                                    ? "unbalanced parentheses: '(' at character " + (t.start + 1) + " is never closed"
                                    : "expected ')' but found " + close.describe(), close.start);
                        }
                        return inner;
                    }
                    case IDENT:
                        return parseMatcher(t);
                    case EOF:
                        throw error("unexpected end of rule, expected a matcher", t.start);
                    default:
                        throw error("expected a matcher, '!' or '(' but found " + t.describe(), t.start);
                }
            } finally {
                depth--;
            }
        }

        private Rule parseMatcher(Token name) {
            String matcher = SPELLINGS.get(name.text);
            if (matcher == null) {
                String hint = SPELLINGS.values().stream().filter(m -> m.equalsIgnoreCase(name.text)).findFirst()
                        .map(m -> " (write " + m + ", " + m.toLowerCase(Locale.ROOT) + ", "
                                + m.toUpperCase(Locale.ROOT) + " or " + m.charAt(0)
                                + m.substring(1).toLowerCase(Locale.ROOT) + ")")
                        .orElse("");
                throw error("unknown matcher " + name.text + hint, name.start);
            }
            Token open = take();
            if (open.kind != Kind.LPAREN) {
                throw error("expected '(' after " + name.text + " but found " + open.describe(), open.start);
            }
            List<String> args = new ArrayList<>();
            Token t = take();
            while (t.kind != Kind.RPAREN) {
                if (t.kind != Kind.STRING) {
                    throw error(notAValue(t), t.start);
                }
                if (t.value.isEmpty()) {
                    throw error("empty value in " + name.text + ": argument " + (args.size() + 1) + " is empty",
                            t.start);
                }
                args.add(t.value);
                t = take();
                if (t.kind == Kind.COMMA) {
                    t = take();
                } else if (t.kind != Kind.RPAREN) {
                    throw error(t.kind == Kind.EOF
                            ? "unbalanced parentheses: " + name.text + "( is never closed"
                            : "expected ',' or ')' in " + name.text + "(...) but found " + t.describe(), t.start);
                }
            }
            try {
                return build(matcher, args);
            } catch (IllegalArgumentException e) {
                if (e instanceof RuleSyntaxException) {
                    throw e;
                }
                throw new RuleSyntaxException(rule, e.getMessage(), name.start, e);
            }
        }

        private String notAValue(Token t) {
            return switch (t.kind) {
                case EOF -> "unexpected end of rule, expected a value or ')'";
                case ILLEGAL -> t.text.startsWith("'")
                        ? "single-quoted value " + t.text + " is not allowed, use backquotes or double quotes"
                        : "unexpected " + t.text + ", values must be quoted with backquotes or double quotes";
                case IDENT -> "bare word " + t.text + " is not allowed, quote values with backquotes or double quotes";
                default -> "expected a quoted value but found " + t.describe();
            };
        }

        private Rule build(String matcher, List<String> args) {
            switch (matcher) {
                case "Host":
                    return new Rule.Host(one(matcher, args));
                case "HostRegexp":
                    return new Rule.HostRegexp(GoRegexp.compile(one(matcher, args)));
                case "Path":
                    return new Rule.Path(one(matcher, args));
                case "PathPrefix":
                    return new Rule.PathPrefix(one(matcher, args));
                case "PathRegexp":
                    return new Rule.PathRegexp(GoRegexp.compile(one(matcher, args)));
                case "Method":
                    return new Rule.Method(one(matcher, args));
                case "Header":
                    arity(matcher, args, 2, 2);
                    return new Rule.Header(args.get(0), args.get(1));
                case "HeaderRegexp":
                    arity(matcher, args, 2, 2);
                    return new Rule.HeaderRegexp(args.get(0), GoRegexp.compile(args.get(1)));
                case "Query":
                    arity(matcher, args, 1, 2);
                    return new Rule.Query(args.get(0), args.size() == 2 ? args.get(1) : "");
                case "QueryRegexp":
                    arity(matcher, args, 1, 2);
                    return args.size() == 1
                            ? new Rule.Query(args.get(0), "")
                            : new Rule.QueryRegexp(args.get(0), GoRegexp.compile(args.get(1)));
                case "ClientIP":
                    return new Rule.ClientIP(IpRange.parse(one(matcher, args)));
                default:
                    throw new IllegalStateException(matcher);
            }
        }

        private static String one(String matcher, List<String> args) {
            arity(matcher, args, 1, 1);
            return args.get(0);
        }

        private static void arity(String matcher, List<String> args, int min, int max) {
            int n = args.size();
            if (n < min || n > max) {
                String expected = min == max ? min + (min == 1 ? " value" : " values") : min + " or " + max + " values";
                throw new IllegalArgumentException(matcher + " takes " + expected + " but got " + n);
            }
        }

        private Token take() {
            Token t = tokens.get(next);
            if (t.kind != Kind.EOF) {
                next++;
            }
            return t;
        }

        private Token peek() {
            return tokens.get(next);
        }

        private RuleSyntaxException error(String reason, int position) {
            return new RuleSyntaxException(rule, reason, position, null);
        }

        // ---- scanner ----

        private void scan() {
            int n = rule.length();
            int i = 0;
            while (i < n) {
                char c = rule.charAt(i);
                if (c == '\n') {
                    Kind last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1).kind;
                    if (last == Kind.IDENT || last == Kind.STRING || last == Kind.RPAREN) {
                        tokens.add(new Token(Kind.NEWLINE, "\n", null, i));
                    }
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    i++;
                } else if (c == '(') {
                    tokens.add(new Token(Kind.LPAREN, "(", null, i++));
                } else if (c == ')') {
                    tokens.add(new Token(Kind.RPAREN, ")", null, i++));
                } else if (c == ',') {
                    tokens.add(new Token(Kind.COMMA, ",", null, i++));
                } else if (c == '!' && !rule.startsWith("!=", i)) {
                    tokens.add(new Token(Kind.NOT, "!", null, i++));
                } else if (rule.startsWith("&&", i)) {
                    tokens.add(new Token(Kind.AND, "&&", null, i));
                    i += 2;
                } else if (rule.startsWith("||", i)) {
                    tokens.add(new Token(Kind.OR, "||", null, i));
                    i += 2;
                } else if (c == '`') {
                    i = rawString(i);
                } else if (c == '"') {
                    i = interpretedString(i);
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(rule.charAt(i)) || rule.charAt(i) == '_')) {
                        i++;
                    }
                    tokens.add(new Token(Kind.IDENT, rule.substring(start, i), null, start));
                } else if (c == '\'') {
                    int end = rule.indexOf('\'', i + 1);
                    int stop = end < 0 ? n : end + 1;
                    tokens.add(new Token(Kind.ILLEGAL, rule.substring(i, stop), null, i));
                    i = stop;
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(rule.charAt(i)) || rule.charAt(i) == '.')) {
                        i++;
                    }
                    tokens.add(new Token(Kind.ILLEGAL, rule.substring(start, i), null, start));
                } else {
                    int cp = rule.codePointAt(i);
                    String text = c == '!' ? "!=" : (c == '&' || c == '|') ? String.valueOf(c) : new String(
                            Character.toChars(cp));
                    tokens.add(new Token(Kind.ILLEGAL, text, null, i));
                    i += text.length();
                }
            }
            tokens.add(new Token(Kind.EOF, "", null, n));
        }

        private int rawString(int start) {
            int end = rule.indexOf('`', start + 1);
            if (end < 0) {
                throw error("unterminated backquoted string", start);
            }
            String value = rule.substring(start + 1, end);
            if (value.indexOf('\r') >= 0) {
                value = value.replace("\r", "");
            }
            tokens.add(new Token(Kind.STRING, rule.substring(start, end + 1), value, start));
            return end + 1;
        }

        /** A Go interpreted string literal: {@code \n \t \\ \" \xHH \ooo \\uHHHH \UHHHHHHHH} and friends. */
        private int interpretedString(int start) {
            int n = rule.length();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int i = start + 1;
            int plain = i;
            while (true) {
                if (i >= n || rule.charAt(i) == '\n') {
                    throw error("unterminated double-quoted string", start);
                }
                char c = rule.charAt(i);
                if (c == '"') {
                    appendUtf8(bytes, rule.substring(plain, i));
                    String value = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
                    tokens.add(new Token(Kind.STRING, rule.substring(start, i + 1), value, start));
                    return i + 1;
                }
                if (c != '\\') {
                    i++;
                    continue;
                }
                appendUtf8(bytes, rule.substring(plain, i));
                if (i + 1 >= n) {
                    throw error("unterminated double-quoted string", start);
                }
                char e = rule.charAt(i + 1);
                int escape = i;
                i += 2;
                switch (e) {
                    case 'a' -> bytes.write(7);
                    case 'b' -> bytes.write(8);
                    case 'f' -> bytes.write(12);
                    case 'n' -> bytes.write('\n');
                    case 'r' -> bytes.write('\r');
                    case 't' -> bytes.write('\t');
                    case 'v' -> bytes.write(11);
                    case '\\' -> bytes.write('\\');
                    case '"' -> bytes.write('"');
                    case 'x' -> {
                        bytes.write((int) hexDigits(i, 2, escape));
                        i += 2;
                    }
                    case 'u', 'U' -> {
                        int len = e == 'u' ? 4 : 8;
                        long cp = hexDigits(i, len, escape);
                        if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                            throw error("escape sequence is invalid Unicode code point", escape);
                        }
                        appendUtf8(bytes, new String(Character.toChars((int) cp)));
                        i += len;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = 0;
                            for (int k = 0; k < 3; k++) {
                                int d = escape + 1 + k < n ? rule.charAt(escape + 1 + k) - '0' : -1;
                                if (d < 0 || d > 7) {
                                    throw error("invalid octal escape in double-quoted string", escape);
                                }
                                v = v * 8 + d;
                            }
                            if (v > 255) {
                                throw error("octal escape value > 255 in double-quoted string", escape);
                            }
                            bytes.write(v);
                            i = escape + 4;
                        } else {
                            throw error("unknown escape sequence \\" + e + " in double-quoted string", escape);
                        }
                    }
                }
                plain = i;
            }
        }

        private long hexDigits(int from, int count, int escape) {
            long v = 0;
            for (int k = 0; k < count; k++) {
                char h = from + k < rule.length() ? rule.charAt(from + k) : 'g';
                int d = h < 0x80 ? Character.digit(h, 16) : -1;
                if (d < 0) {
                    throw error("invalid hexadecimal escape in double-quoted string", escape);
                }
                v = v * 16 + d;
            }
            return v;
        }

        private static void appendUtf8(ByteArrayOutputStream out, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
    }
}

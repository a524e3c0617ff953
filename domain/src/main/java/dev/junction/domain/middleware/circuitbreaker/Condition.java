package dev.junction.domain.middleware.circuitbreaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A circuit breaker's condition, parsed once from Traefik's expression language (oxy's): comparisons of
 * {@code NetworkErrorRatio()}, {@code ResponseCodeRatio(from, to, divFrom, divTo)},
 * {@code LatencyAtQuantileMS(q)}, {@code RequestThreshold()} (the number of requests seen in the window) and
 * numbers with {@code > >= < <= == !=}, combined with {@code &&}, {@code ||} and parentheses.
 */
@FunctionalInterface
interface Condition {
    boolean holds(Metrics metrics, long now);

    /** @throws IllegalArgumentException naming what is wrong and where */
    static Condition parse(String expression) {
        return new Parser(expression).parse();
    }

    /** A numeric term of a comparison. */
    @FunctionalInterface
    interface Value {
        double of(Metrics metrics, long now);
    }

    /** Recursive descent over the expression's characters. */
    final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Condition parse() {
            skip();
            if (at >= text.length()) {
                throw error("the expression is empty");
            }
            Condition c = or();
            skip();
            if (at < text.length()) {
                throw error("unexpected \"" + text.substring(at) + "\"");
            }
            return c;
        }

        private Condition or() {
            Condition left = and();
            while (take("||")) {
                Condition l = left;
                Condition r = and();
                left = (m, now) -> l.holds(m, now) || r.holds(m, now);
            }
            return left;
        }

        private Condition and() {
            Condition left = primary();
            while (take("&&")) {
                Condition l = left;
                Condition r = primary();
                left = (m, now) -> l.holds(m, now) && r.holds(m, now);
            }
            return left;
        }

        private Condition primary() {
            skip();
            int start = at;
            if (take("(")) {
                Condition inner = or();
                if (take(")")) {
                    skip();
                    if (!startsComparison()) {
                        return inner;
                    }
                }
                at = start;
            }
            Value left = value();
            String op = operator();
            Value right = value();
            return switch (op) {
                case ">" -> (m, now) -> left.of(m, now) > right.of(m, now);
                case ">=" -> (m, now) -> left.of(m, now) >= right.of(m, now);
                case "<" -> (m, now) -> left.of(m, now) < right.of(m, now);
                case "<=" -> (m, now) -> left.of(m, now) <= right.of(m, now);
                case "==" -> (m, now) -> left.of(m, now) == right.of(m, now);
                default -> (m, now) -> left.of(m, now) != right.of(m, now);
            };
        }

        private boolean startsComparison() {
            return at < text.length() && "<>=!".indexOf(text.charAt(at)) >= 0;
        }

        private String operator() {
            skip();
            for (String op : List.of(">=", "<=", "==", "!=", ">", "<")) {
                if (text.startsWith(op, at)) {
                    at += op.length();
                    return op;
                }
            }
            throw error("expected a comparison (> >= < <= == !=)");
        }

        private Value value() {
            skip();
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            if (at > start) {
                double number = number(text.substring(start, at));
                return (m, now) -> number;
            }
            while (at < text.length() && Character.isLetter(text.charAt(at))) {
                at++;
            }
            String name = text.substring(start, at);
            if (name.isEmpty()) {
                throw error("expected a number or a function");
            }
            List<Double> args = arguments();
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "networkerrorratio" -> {
                    arity(name, args, 0);
                    yield (m, now) -> m.networkErrorRatio(now);
                }
                case "responsecoderatio" -> {
                    arity(name, args, 4);
                    int from = args.get(0).intValue();
                    int to = args.get(1).intValue();
                    int divFrom = args.get(2).intValue();
                    int divTo = args.get(3).intValue();
                    yield (m, now) -> m.responseCodeRatio(now, from, to, divFrom, divTo);
                }
                case "latencyatquantilems" -> {
                    arity(name, args, 1);
                    double q = args.get(0);
                    if (q <= 0 || q > 100) {
                        throw error("LatencyAtQuantileMS takes a quantile between 0 and 100");
                    }
                    yield (m, now) -> m.latencyAtQuantileMs(now, q);
                }
                case "requestthreshold" -> {
                    arity(name, args, 0);
                    yield (m, now) -> m.requests(now);
                }
                default -> throw error("unknown function " + name + "()");
            };
        }

        private List<Double> arguments() {
            skip();
            if (!take("(")) {
                throw error("expected ( after the function name");
            }
            List<Double> args = new ArrayList<>();
            skip();
            if (take(")")) {
                return args;
            }
            do {
                skip();
                int start = at;
                while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                    at++;
                }
                if (at == start) {
                    throw error("expected a number argument");
                }
                args.add(number(text.substring(start, at)));
                skip();
            } while (take(","));
            if (!take(")")) {
                throw error("expected )");
            }
            return args;
        }

        private void arity(String name, List<Double> args, int n) {
            if (args.size() != n) {
                throw error(name + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
            }
        }

        private double number(String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error("not a number: " + s);
            }
        }

        private boolean take(String token) {
            skip();
            if (text.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("invalid expression \"" + text + "\" at " + (at + 1) + ": " + message);
        }
    }
}

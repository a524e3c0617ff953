package dev.junction.domain.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * An expression in oxy's language, as Traefik accepts it: comparisons ({@code > >= < <= == !=}) of numbers and
 * numeric functions, {@code ==} and {@code !=} of quoted texts and text functions, boolean functions on their own, combined with {@code &&}, {@code ||}, {@code !} and
 * parentheses. Which functions exist depends on who reads the expression (a circuit breaker knows
 * {@code NetworkErrorRatio()}, a buffering retry {@code Attempts()}), so the caller brings them; names match
 * case-insensitively. Parsing happens once, at configuration time, so that a mistake is reported with its
 * position before any request depends on it.
 *
 * @param <C> what the functions read when the predicate is evaluated
 */
public final class OxyExpression<C> {
    /** A function the expression may call, and how it turns its numeric arguments into a term. */
    public sealed interface Function<C> {
        int arity();
    }

    /** A function with a numeric value, compared with a number or another numeric function. */
    @FunctionalInterface
    public interface NumberMaker<C> {
        /** @throws IllegalArgumentException when the arguments are out of range, naming the reason */
        ToDoubleFunction<C> make(List<Double> arguments);
    }

    /** A function with a boolean value, a condition by itself. */
    @FunctionalInterface
    public interface FlagMaker<C> {
        /** @throws IllegalArgumentException when the arguments are out of range, naming the reason */
        Predicate<C> make(List<Double> arguments);
    }

    /** A function with a text value, compared with a quoted string or another text function. */
    @FunctionalInterface
    public interface TextMaker<C> {
        /** @throws IllegalArgumentException when the arguments are out of range, naming the reason */
        java.util.function.Function<C, String> make(List<Double> arguments);
    }

    /** A numeric function of {@code arity} arguments. */
    public record Number<C>(int arity, NumberMaker<C> maker) implements Function<C> {
        public Number {
            Objects.requireNonNull(maker, "maker");
        }
    }

    /** A boolean function of {@code arity} arguments. */
    public record Flag<C>(int arity, FlagMaker<C> maker) implements Function<C> {
        public Flag {
            Objects.requireNonNull(maker, "maker");
        }
    }

    /** A text function of {@code arity} arguments, such as the request's method. */
    public record Text<C>(int arity, TextMaker<C> maker) implements Function<C> {
        public Text {
            Objects.requireNonNull(maker, "maker");
        }
    }

    /** What a term of the expression turned out to be once parsed. */
    private sealed interface Term<C> {
    }

    private record NumberTerm<C>(ToDoubleFunction<C> value) implements Term<C> {
    }

    private record FlagTerm<C>(Predicate<C> value) implements Term<C> {
    }

    private record TextTerm<C>(java.util.function.Function<C, String> value) implements Term<C> {
    }

    private final Map<String, Function<C>> functions;
    private final String known;

    /** @param functions by name, as users write them ({@code Attempts}); matched ignoring case */
    public OxyExpression(Map<String, Function<C>> functions) {
        this.functions = functions.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        this.known = functions.keySet().stream().sorted().map(n -> n + "()").collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming what is wrong and the position (1-based) where it was found */
    public Predicate<C> parse(String expression) {
        return new Parser(expression).parse();
    }

    /** Recursive descent over the expression's characters. */
    private final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Predicate<C> parse() {
            skip();
            if (at >= text.length()) {
                throw error("the expression is empty");
            }
            Predicate<C> p = or();
            skip();
            if (at < text.length()) {
                throw error("unexpected \"" + text.substring(at) + "\"");
            }
            return p;
        }

        private Predicate<C> or() {
            Predicate<C> left = and();
            while (take("||")) {
                Predicate<C> l = left;
                Predicate<C> r = and();
                left = c -> l.test(c) || r.test(c);
            }
            return left;
        }

        private Predicate<C> and() {
            Predicate<C> left = unary();
            while (take("&&")) {
                Predicate<C> l = left;
                Predicate<C> r = unary();
                left = c -> l.test(c) && r.test(c);
            }
            return left;
        }

        private Predicate<C> unary() {
            skip();
            if (text.startsWith("!", at) && !text.startsWith("!=", at)) {
                at++;
                return unary().negate();
            }
            return primary();
        }

        private Predicate<C> primary() {
            skip();
            if (take("(")) {
                Predicate<C> inner = or();
                if (!take(")")) {
                    throw error("expected )");
                }
                skip();
                if (startsComparison()) {
                    throw error("a condition cannot be compared with a number");
                }
                return inner;
            }
            Term<C> left = term();
            if (left instanceof FlagTerm<C> flag) {
                skip();
                if (startsComparison()) {
                    throw error("a condition cannot be compared with a number");
                }
                return flag.value();
            }
            String op = operator();
            Term<C> right = term();
            if (left instanceof TextTerm<C> l && right instanceof TextTerm<C> r) {
                return switch (op) {
                    case "==" -> c -> Objects.equals(l.value().apply(c), r.value().apply(c));
                    case "!=" -> c -> !Objects.equals(l.value().apply(c), r.value().apply(c));
                    default -> throw error("texts are compared with == or != only");
                };
            }
            if (!(left instanceof NumberTerm<C> ln) || !(right instanceof NumberTerm<C> rn)) {
                throw error(left instanceof TextTerm || right instanceof TextTerm
                        ? "a text cannot be compared with a number" : "a condition cannot be compared with a number");
            }
            ToDoubleFunction<C> l = ln.value();
            ToDoubleFunction<C> r = rn.value();
            return switch (op) {
                case ">" -> c -> l.applyAsDouble(c) > r.applyAsDouble(c);
                case ">=" -> c -> l.applyAsDouble(c) >= r.applyAsDouble(c);
                case "<" -> c -> l.applyAsDouble(c) < r.applyAsDouble(c);
                case "<=" -> c -> l.applyAsDouble(c) <= r.applyAsDouble(c);
                case "==" -> c -> l.applyAsDouble(c) == r.applyAsDouble(c);
                default -> c -> l.applyAsDouble(c) != r.applyAsDouble(c);
            };
        }

        private boolean startsComparison() {
            return at < text.length() && "<>=!".indexOf(text.charAt(at)) >= 0 && !text.startsWith("!(", at);
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

        /** A number, a quoted text, or a function's value. */
        private Term<C> term() {
            skip();
            int start = at;
            if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '`')) {
                char quote = text.charAt(at);
                int end = text.indexOf(quote, at + 1);
                if (end < 0) {
                    throw error("unterminated text");
                }
                String literal = text.substring(at + 1, end);
                at = end + 1;
                return new TextTerm<>(c -> literal);
            }
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            if (at > start) {
                double value = parseNumber(text.substring(start, at));
                return new NumberTerm<>(c -> value);
            }
            while (at < text.length() && Character.isLetter(text.charAt(at))) {
                at++;
            }
            String name = text.substring(start, at);
            if (name.isEmpty()) {
                throw error("expected a number or a function");
            }
            Function<C> function = functions.get(name.toLowerCase(Locale.ROOT));
            if (function == null) {
                at = start;
                throw error("unknown function " + name + "(); known: " + known);
            }
            List<Double> args = arguments();
            if (args.size() != function.arity()) {
                throw error(name + "() takes " + function.arity() + " argument" + (function.arity() == 1 ? "" : "s")
                        + ", got " + args.size());
            }
            try {
                List<Double> arguments = List.copyOf(args);
                if (function instanceof Number<C> n) {
                    return new NumberTerm<>(n.maker().make(arguments));
                }
                if (function instanceof Text<C> t) {
                    return new TextTerm<>(t.maker().make(arguments));
                }
                return new FlagTerm<>(((Flag<C>) function).maker().make(arguments));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
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
                args.add(parseNumber(text.substring(start, at)));
                skip();
            } while (take(","));
            if (!take(")")) {
                throw error("expected )");
            }
            return args;
        }

        private double parseNumber(String s) {
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

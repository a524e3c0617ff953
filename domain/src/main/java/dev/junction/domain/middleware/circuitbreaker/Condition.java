package dev.junction.domain.middleware.circuitbreaker;

import dev.junction.domain.expression.OxyExpression;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A circuit breaker's condition in oxy's expression language, over the breaker's rolling metrics:
 * {@code NetworkErrorRatio()}, {@code ResponseCodeRatio(from, to, divFrom, divTo)}, {@code LatencyAtQuantileMS(q)}
 * and {@code RequestThreshold()} (the number of requests seen in the window).
 */
final class Condition {
    /** The metrics as they stand at one instant, which is what a condition is evaluated against. */
    record Reading(Metrics metrics, long now) {
    }

    private static final OxyExpression<Reading> LANGUAGE = new OxyExpression<>(Map.of(
            "NetworkErrorRatio", new OxyExpression.Number<Reading>(0,
                    args -> r -> r.metrics().networkErrorRatio(r.now())),
            "ResponseCodeRatio", new OxyExpression.Number<Reading>(4, args -> {
                int from = args.get(0).intValue();
                int to = args.get(1).intValue();
                int divFrom = args.get(2).intValue();
                int divTo = args.get(3).intValue();
                return r -> r.metrics().responseCodeRatio(r.now(), from, to, divFrom, divTo);
            }),
            "LatencyAtQuantileMS", new OxyExpression.Number<Reading>(1, args -> {
                double q = args.get(0);
                if (q <= 0 || q > 100) {
                    throw new IllegalArgumentException("LatencyAtQuantileMS takes a quantile between 0 and 100");
                }
                return r -> r.metrics().latencyAtQuantileMs(r.now(), q);
            }),
            "RequestThreshold", new OxyExpression.Number<Reading>(0, args -> r -> r.metrics().requests(r.now()))));

    private Condition() {
    }

    /** @throws IllegalArgumentException naming what is wrong and where */
    static Predicate<Reading> parse(String expression) {
        return LANGUAGE.parse(expression);
    }
}

package dev.junction.domain.middleware.buffering;

import dev.junction.domain.expression.OxyExpression;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Buffering's {@code retryExpression}, in oxy's language over one attempt's outcome: {@code Attempts()} (how many
 * were made so far, from 1), {@code ResponseCode()} and {@code IsNetworkError()} (the backend could not be used:
 * 502 or 504) and {@code RequestMethod()} (compared with a quoted method), for example
 * {@code IsNetworkError() && Attempts() < 2}. It is asked after every attempt, a success included, as oxy does.
 */
final class RetryCondition {
    /** What one attempt came to. */
    record Outcome(int attempts, int responseCode, String method) {
    }

    private static final OxyExpression<Outcome> LANGUAGE = new OxyExpression<>(Map.of(
            "Attempts", new OxyExpression.Number<Outcome>(0, args -> Outcome::attempts),
            "ResponseCode", new OxyExpression.Number<Outcome>(0, args -> Outcome::responseCode),
            "RequestMethod", new OxyExpression.Text<Outcome>(0, args -> Outcome::method),
            "IsNetworkError", new OxyExpression.Flag<Outcome>(0,
                    args -> o -> o.responseCode() == 502 || o.responseCode() == 504)));

    private RetryCondition() {
    }

    /** @throws IllegalArgumentException naming what is wrong and where */
    static Predicate<Outcome> parse(String expression) {
        return LANGUAGE.parse(expression);
    }
}

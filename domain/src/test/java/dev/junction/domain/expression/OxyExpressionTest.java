package dev.junction.domain.expression;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class OxyExpressionTest {
    /** A context of two numbers and a flag. */
    record Sample(double a, double b, boolean flag) {
        String name() {
            return a > 1 ? "big" : "small";
        }
    }

    private static final OxyExpression<Sample> LANGUAGE = new OxyExpression<>(Map.of(
            "A", new OxyExpression.Number<Sample>(0, args -> Sample::a),
            "Scaled", new OxyExpression.Number<Sample>(1, args -> {
                double factor = args.get(0);
                if (factor <= 0) {
                    throw new IllegalArgumentException("Scaled takes a positive factor");
                }
                return s -> s.b() * factor;
            }),
            "Flag", new OxyExpression.Flag<Sample>(0, args -> Sample::flag),
            "Name", new OxyExpression.Text<Sample>(0, args -> Sample::name)));

    private static boolean eval(String expression, Sample sample) {
        Predicate<Sample> p = LANGUAGE.parse(expression);
        return p.test(sample);
    }

    @Test
    void comparisonsOfNumbersAndFunctions() {
        Sample s = new Sample(3, 2, false);
        assertTrue(eval("A() > 2", s));
        assertTrue(eval("A() >= 3", s));
        assertFalse(eval("A() < 3", s));
        assertTrue(eval("A() <= 3", s));
        assertTrue(eval("A() == 3", s));
        assertTrue(eval("A() != 4", s));
        assertTrue(eval("Scaled(1.5) == A()", s));
        assertTrue(eval("2.5 < A()", s));
    }

    @Test
    void booleanFunctionsStandAloneAndCombineWithAndOrNot() {
        Sample on = new Sample(1, 1, true);
        Sample off = new Sample(1, 1, false);
        assertTrue(eval("Flag()", on));
        assertFalse(eval("Flag()", off));
        assertTrue(eval("!Flag()", off));
        assertTrue(eval("Flag() && A() < 2", on));
        assertFalse(eval("Flag() && A() > 2", on));
        assertTrue(eval("Flag() || A() > 2", on));
        assertTrue(eval("!(Flag() && A() > 2)", on));
        assertTrue(eval("(A() > 2 || Flag()) && A() == 1", on));
    }

    @Test
    void textsCompareForEqualityWithDoubleOrBackQuotes() {
        Sample big = new Sample(3, 0, false);
        assertTrue(eval("Name() == \"big\"", big));
        assertTrue(eval("Name() != `small` && A() > 2", big));
        assertFalse(eval("\"small\" == Name()", big));
    }

    @Test
    void functionNamesIgnoreCaseAsTraefikUsersWriteThemVariously() {
        assertTrue(eval("flag() && a() == 1", new Sample(1, 0, true)));
    }

    @Test
    void mistakesAreReportedWithTheirPosition() {
        assertMessage("", "the expression is empty");
        assertMessage("A() >", "expected a number or a function");
        assertMessage("B() > 1", "at 1: unknown function B()");
        assertMessage("A(1) > 1", "A() takes 0 arguments, got 1");
        assertMessage("Scaled(0) > 1", "Scaled takes a positive factor");
        assertMessage("Flag() > 1", "a condition cannot be compared with a number");
        assertMessage("A() > Flag()", "a condition cannot be compared with a number");
        assertMessage("A()", "expected a comparison");
        assertMessage("A() > 1 &&", "expected a number or a function");
        assertMessage("(A() > 1", "expected )");
        assertMessage("A() > 1 junk", "unexpected \"junk\"");
        assertMessage("Name() > \"a\"", "texts are compared with == or != only");
        assertMessage("Name() == 1", "a text cannot be compared with a number");
        assertMessage("Name() == \"open", "unterminated text");
    }

    private static void assertMessage(String expression, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LANGUAGE.parse(expression));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}

package dev.junction.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoRegexpTest {

    @Test
    void matchStringIsUnanchored() {
        assertTrue(GoRegexp.compile("b+").matchString("abbc"));
    }

    @Test
    void dollarMatchesOnlyAtTheEndOfText() {
        assertFalse(GoRegexp.compile("a$").matchString("a\n"));
    }

    @Test
    void dollarInMultilineModeMatchesAtLineEnds() {
        assertTrue(GoRegexp.compile("(?m)a$").matchString("a\nb"));
    }

    @Test
    void dotMatchesCarriageReturnLikeGo() {
        assertTrue(GoRegexp.compile("^a.b$").matchString("a\rb"));
    }

    @Test
    void namedGroupInGoSyntaxCompiles() {
        assertTrue(GoRegexp.compile("^/(?P<id_1>[0-9]+)$").matchString("/42"));
    }

    @Test
    void posixClassInsideBrackets() {
        assertTrue(GoRegexp.compile("^[[:alpha:]]+$").matchString("abc"));
        assertFalse(GoRegexp.compile("^[[:alpha:]]+$").matchString("a1"));
    }

    @Test
    void bracketAndAmpersandInsideAClassAreLiteral() {
        assertTrue(GoRegexp.compile("^[[&&]+$").matchString("[&"));
    }

    @Test
    void braceThatIsNotARepetitionIsLiteral() {
        assertTrue(GoRegexp.compile("{id}").matchString("/{id}"));
    }

    @Test
    void braceRepetitionStillWorks() {
        assertTrue(GoRegexp.compile("^a{2,3}$").matchString("aaa"));
        assertFalse(GoRegexp.compile("^a{2}$").matchString("aaa"));
    }

    @Test
    void escapedDollarStaysLiteral() {
        assertTrue(GoRegexp.compile("\\$").matchString("a$b"));
    }

    @Test
    void invalidExpressionIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoRegexp.compile("a("));
        assertTrue(e.getMessage().startsWith("invalid regular expression `a(`"), e.getMessage());
    }

    @Test
    void equalityIsBySource() {
        assertEquals(GoRegexp.compile("a+"), GoRegexp.compile("a+"));
    }
}

package dev.junction.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class GoRegexTest {

    @Test
    void readsGoNamedGroups() {
        Matcher m = GoRegex.compile("^/users/(?P<id>[0-9]+)$").matcher("/users/42");
        assertTrue(m.matches());
        assertEquals("42", m.group("id"));
    }

    @Test
    void keepsJavaNamedGroupsAndPlainExpressions() {
        Matcher m = GoRegex.compile("(?<a>x)(y)").matcher("xy");
        assertTrue(m.matches());
        assertEquals("x", m.group("a"));
        assertEquals("y", m.group(2));
    }

    @Test
    void rejectsAnInvalidExpression() {
        assertThrows(PatternSyntaxException.class, () -> GoRegex.compile("^(.*"));
    }
}

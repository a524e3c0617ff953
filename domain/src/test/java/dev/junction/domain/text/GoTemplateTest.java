package dev.junction.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

    private static String expand(Pattern pattern, String template, String input) {
        Matcher m = pattern.matcher(input);
        assertTrue(m.find(), "the test pattern must match " + input);
        return GoTemplate.of(template).expand(m);
    }

    private static String expand(String regex, String template, String input) {
        return expand(GoRegex.compile(regex), template, input);
    }

    @Test
    void expandsNumberedGroups() {
        assertEquals("bar-foo", expand("(\\w+)-(\\w+)", "$2-$1", "foo-bar"));
    }

    @Test
    void expandsBracedNumberedGroups() {
        assertEquals("bar-foo", expand("(\\w+)-(\\w+)", "${2}-${1}", "foo-bar"));
    }

    @Test
    void expandsNamedGroupsWrittenInGoSyntax() {
        assertEquals("example/alice", expand("(?P<user>\\w+)@(?P<host>\\w+)", "$host/$user", "alice@example"));
    }

    @Test
    void expandsBracedNamedGroups() {
        assertEquals("example.org", expand("(?P<user>\\w+)@(?P<host>\\w+)", "${host}.org", "alice@example"));
    }

    @Test
    void doubleDollarIsALiteralDollar() {
        assertEquals("$1", expand("(a)", "$$1", "a"));
    }

    @Test
    void unbracedNameRunsAsLongAsNameCharactersFollow() {
        assertEquals("", expand("(a)", "$1x", "a"));
    }

    @Test
    void bracesEndTheNameSoLiteralTextCanFollowAGroup() {
        assertEquals("ax", expand("(a)", "${1}x", "a"));
    }

    @Test
    void loneDollarAtTheEndStaysLiteral() {
        assertEquals("a$", expand("(a)", "$1$", "a"));
    }

    @Test
    void dollarFollowedByPunctuationStaysLiteral() {
        assertEquals("$-a", expand("(a)", "$-$1", "a"));
    }

    @Test
    void unclosedBraceStaysLiteral() {
        assertEquals("${1", expand("(a)", "${1", "a"));
    }

    @Test
    void emptyBracesStayLiteral() {
        assertEquals("${}", expand("(a)", "${}", "a"));
    }

    @Test
    void groupNumberBeyondTheExpressionExpandsToEmpty() {
        assertEquals("[]", expand("(a)", "[$9]", "a"));
    }

    @Test
    void unknownGroupNameExpandsToEmpty() {
        assertEquals("[]", expand("(?P<known>a)", "[$unknown]", "a"));
    }

    @Test
    void groupThatTookNoPartInTheMatchExpandsToEmpty() {
        assertEquals("[]", expand("(a)|(b)", "[$1]", "b"));
    }

    @Test
    void groupZeroIsTheWholeMatch() {
        assertEquals("<ab>", expand("a(b)", "<$0>", "xaby"));
    }

    @Test
    void numberWithALeadingZeroIsANameNotAGroupNumber() {
        assertEquals("[]", expand("(a)", "[$01]", "a"));
    }

    @Test
    void bracedNumberWithALeadingZeroIsANameNotAGroupNumber() {
        assertEquals("[]", expand("(a)", "[${01}]", "a"));
    }

    @Test
    void nonAsciiLetterAfterDollarStartsAName() {
        assertEquals("[]", expand("(a)", "[$é]", "a"));
    }

    @Test
    void textWithoutDollarIsCopiedUnchanged() {
        assertEquals("/static/path", expand("(a)", "/static/path", "a"));
    }

    @Test
    void replaceAllReplacesEveryMatch() {
        assertEquals("a<1>b<22>c", GoTemplate.of("<$1>").replaceAll(Pattern.compile("(\\d+)"), "a1b22c"));
    }

    @Test
    void replaceAllKeepsTheTextAroundMatches() {
        assertEquals("/v2/users?", GoTemplate.of("/v2/$1").replaceAll(Pattern.compile("^/api/([a-z]+)"), "/api/users?"));
    }

    @Test
    void replaceAllLeavesInputWithoutAMatchUnchanged() {
        assertEquals("/other", GoTemplate.of("x").replaceAll(Pattern.compile("^/api"), "/other"));
    }

    @Test
    void replaceAllIgnoresAnEmptyMatchAbuttingThePreviousMatch() {
        assertEquals("xbxcx", GoTemplate.of("x").replaceAll(Pattern.compile("a*"), "baaac"));
    }

    @Test
    void replaceAllWithACatchAllGroupRewritesTheInputOnce() {
        assertEquals("/p/foo", GoTemplate.of("/p$1").replaceAll(Pattern.compile("(.*)"), "/foo"));
    }

    @Test
    void replaceAllReplacesAnEmptyMatchAtTheStart() {
        assertEquals("xabc", GoTemplate.of("x").replaceAll(Pattern.compile("^"), "abc"));
    }

    @Test
    void emptyTemplateIsEmpty() {
        assertTrue(GoTemplate.of("").isEmpty());
        assertFalse(GoTemplate.of("$1").isEmpty());
    }

    @Test
    void showsTheTemplateAsWritten() {
        assertEquals("/v2/${1}x$$", GoTemplate.of("/v2/${1}x$$").toString());
    }
}

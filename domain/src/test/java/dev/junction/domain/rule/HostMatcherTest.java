package dev.junction.domain.rule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostMatcherTest {

    private static boolean matches(String rule, String host) {
        return RuleParser.parse(rule).matches(TestRequest.host(host));
    }

    @Test
    void hostMatchesTheSameHost() {
        assertTrue(matches("Host(`example.com`)", "example.com"));
    }

    @Test
    void hostDoesNotMatchAnotherHost() {
        assertFalse(matches("Host(`example.com`)", "example.org"));
    }

    @Test
    void hostComparisonIgnoresCaseOfTheRuleValue() {
        assertTrue(matches("Host(`EXAMPLE.Com`)", "example.com"));
    }

    @Test
    void hostComparisonIgnoresCaseOfTheRequestHost() {
        assertTrue(matches("Host(`example.com`)", "Example.COM"));
    }

    @Test
    void trailingDotInTheRuleIsIgnored() {
        assertTrue(matches("Host(`example.com.`)", "example.com"));
    }

    @Test
    void trailingDotInTheRequestHostIsIgnored() {
        assertTrue(matches("Host(`example.com`)", "example.com."));
    }

    @Test
    void hostIsNotASuffixMatch() {
        assertFalse(matches("Host(`example.com`)", "www.example.com"));
    }

    @Test
    void wildcardMatchesExactlyOneLabel() {
        assertTrue(matches("Host(`*.example.com`)", "a.example.com"));
    }

    @Test
    void wildcardDoesNotMatchTwoLabels() {
        assertFalse(matches("Host(`*.example.com`)", "a.b.example.com"));
    }

    @Test
    void wildcardDoesNotMatchTheApexDomain() {
        assertFalse(matches("Host(`*.example.com`)", "example.com"));
    }

    @Test
    void wildcardDoesNotMatchAnEmptyLabel() {
        assertFalse(matches("Host(`*.example.com`)", ".example.com"));
    }

    @Test
    void wildcardIgnoresCaseAndTrailingDot() {
        assertTrue(matches("Host(`*.Example.com.`)", "A.EXAMPLE.COM."));
    }

    @Test
    void wildcardDoesNotMatchAnotherDomainWithTheSameEnding() {
        assertFalse(matches("Host(`*.example.com`)", "a.badexample.com"));
    }

    @Test
    void bareStarMatchesEveryHost() {
        assertTrue(matches("Host(`*`)", "a.b.c.example.com"));
    }

    @Test
    void bareStarMatchesAnEmptyHost() {
        assertTrue(matches("Host(`*`)", ""));
    }

    @Test
    void emptyHostNeverMatchesOtherwise() {
        assertFalse(matches("Host(`example.com`)", ""));
    }

    @Test
    void emptyHostDoesNotMatchWildcard() {
        assertFalse(matches("Host(`*.example.com`)", ""));
    }

    @Test
    void nonAsciiHostValueIsInvalid() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("Host(`bücher.de`)"));
        assertTrue(e.reason().contains("non-ASCII"), e.getMessage());
    }

    @Test
    void punycodeHostValueIsValid() {
        assertTrue(matches("Host(`xn--bcher-kva.de`)", "xn--bcher-kva.de"));
    }

    @Test
    void ipv6HostMatchesTheCanonicalHostWithoutBrackets() {
        assertTrue(matches("Host(`::1`)", "::1"));
    }
}

package dev.junction.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleParserTest {

    private static RuleSyntaxException rejects(String rule) {
        return assertThrows(RuleSyntaxException.class, () -> RuleParser.parse(rule));
    }

    // values and quoting

    @Test
    void backquotedValueIsTakenLiterally() {
        assertEquals(new Rule.PathRegexp(GoRegexp.compile("\\.css$")), RuleParser.parse("PathRegexp(`\\.css$`)"));
    }

    @Test
    void doubleQuotedValueUsesGoEscapes() {
        assertEquals(new Rule.PathRegexp(GoRegexp.compile("\\.css$")), RuleParser.parse("PathRegexp(\"\\\\.css$\")"));
    }

    @Test
    void doubleQuotedValueDecodesUnicodeAndHexAndOctalEscapes() {
        assertEquals(new Rule.Header("X-A", "é\tA!"), RuleParser.parse("Header(`X-A`, \"\\u00e9\\t\\x41\\041\")"));
    }

    @Test
    void doubleQuotedValueWithEscapedQuote() {
        assertEquals(new Rule.Header("X-A", "say \"hi\""), RuleParser.parse("Header(`X-A`, \"say \\\"hi\\\"\")"));
    }

    @Test
    void doubleQuotedValueWithUnknownEscapeIsInvalid() {
        assertTrue(rejects("PathRegexp(\"\\.css\")").reason().contains("unknown escape sequence \\."));
    }

    @Test
    void doubleQuotedValueWithNewlineIsInvalid() {
        rejects("Path(\"/a\n\")");
    }

    @Test
    void backquotedValueMayContainDoubleQuotes() {
        assertEquals(new Rule.Header("X-A", "\"q\""), RuleParser.parse("Header(`X-A`, `\"q\"`)"));
    }

    @Test
    void singleQuotesAreRejected() {
        RuleSyntaxException e = rejects("Host('example.com')");
        assertTrue(e.reason().contains("single-quoted"), e.reason());
    }

    @Test
    void bareWordsAreRejected() {
        RuleSyntaxException e = rejects("Host(example.com)");
        assertTrue(e.reason().contains("bare word example"), e.reason());
    }

    @Test
    void numbersAreRejected() {
        rejects("Host(1)");
    }

    @Test
    void unterminatedBackquoteIsInvalid() {
        assertTrue(rejects("Host(`a)").reason().contains("unterminated"));
    }

    @Test
    void trailingCommaInArgumentsIsAllowedAsInGo() {
        assertEquals(new Rule.Host("a.com"), RuleParser.parse("Host(`a.com`,)"));
    }

    // arity and empty values

    @Test
    void emptyArgumentIsInvalid() {
        RuleSyntaxException e = rejects("Host(``)");
        assertTrue(e.reason().startsWith("empty value in Host"), e.reason());
    }

    @Test
    void emptySecondArgumentIsInvalid() {
        rejects("Header(`X-A`, \"\")");
    }

    @Test
    void noArgumentIsInvalid() {
        assertEquals("Host takes 1 value but got 0", rejects("Host()").reason());
    }

    @Test
    void tooManyArgumentsIsInvalid() {
        assertEquals("Host takes 1 value but got 2", rejects("Host(`a`, `b`)").reason());
    }

    @Test
    void headerWithThreeArgumentsIsInvalid() {
        assertEquals("Header takes 2 values but got 3", rejects("Header(`a`, `b`, `c`)").reason());
    }

    // matcher names

    @ParameterizedTest
    @ValueSource(strings = {"PathPrefix", "pathprefix", "PATHPREFIX", "Pathprefix"})
    void acceptedMatcherSpellings(String name) {
        assertEquals(new Rule.PathPrefix("/a"), RuleParser.parse(name + "(`/a`)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientIP", "clientip", "CLIENTIP", "Clientip", "HostRegexp", "hostregexp", "HOSTREGEXP",
            "Hostregexp"})
    void acceptedSpellingsOfOtherMatchers(String name) {
        String value = name.toLowerCase().startsWith("client") ? "10.0.0.1" : "a";
        RuleParser.parse(name + "(`" + value + "`)");
    }

    @Test
    void mixedCaseMatcherNameIsRejected() {
        RuleSyntaxException e = rejects("pathPrefix(`/a`)");
        assertTrue(e.reason().startsWith("unknown matcher pathPrefix (write PathPrefix"), e.reason());
    }

    @Test
    void unknownMatcherIsRejected() {
        assertEquals("unknown matcher Foo", rejects("Foo(`a`)").reason());
    }

    @Test
    void v2HeadersMatcherIsUnknownInV3() {
        rejects("Headers(`X-A`, `1`)");
    }

    @Test
    void matcherWithoutParenthesesIsRejected() {
        rejects("Host");
    }

    // operators and precedence

    @Test
    void andBindsTighterThanOr() {
        Rule rule = RuleParser.parse("Host(`a`) || Host(`b`) && Path(`/x`)");
        assertEquals(new Rule.Or(new Rule.Host("a"), new Rule.And(new Rule.Host("b"), new Rule.Path("/x"))), rule);
    }

    @Test
    void hostOrHostAndPathMatchesFirstHostOnAnyPath() {
        Rule rule = RuleParser.parse("Host(`a.com`) || Host(`b.com`) && Path(`/x`)");
        assertTrue(rule.matches(TestRequest.get("a.com", "/y")));
        assertFalse(rule.matches(TestRequest.get("b.com", "/y")));
        assertTrue(rule.matches(TestRequest.get("b.com", "/x")));
    }

    @Test
    void parenthesesOverridePrecedence() {
        Rule rule = RuleParser.parse("(Host(`a`) || Host(`b`)) && Path(`/x`)");
        assertEquals(new Rule.And(new Rule.Or(new Rule.Host("a"), new Rule.Host("b")), new Rule.Path("/x")), rule);
    }

    @Test
    void notBindsTighterThanAnd() {
        Rule rule = RuleParser.parse("!Host(`a`) && Path(`/x`)");
        assertEquals(new Rule.And(new Rule.Not(new Rule.Host("a")), new Rule.Path("/x")), rule);
    }

    @Test
    void notNegatesAGroup() {
        Rule rule = RuleParser.parse("!(Host(`a.com`) && Path(`/x`))");
        assertFalse(rule.matches(TestRequest.get("a.com", "/x")));
        assertTrue(rule.matches(TestRequest.get("a.com", "/y")));
    }

    @Test
    void doubleNegationMatchesLikeThePlainMatcher() {
        assertTrue(RuleParser.parse("!!Host(`a.com`)").matches(TestRequest.host("a.com")));
    }

    @Test
    void andIsLeftAssociative() {
        Rule rule = RuleParser.parse("Host(`a`) && Path(`/b`) && Method(`GET`)");
        assertEquals(new Rule.And(new Rule.And(new Rule.Host("a"), new Rule.Path("/b")), new Rule.Method("GET")), rule);
    }

    @Test
    void superfluousParenthesesAreAllowed() {
        assertEquals(new Rule.Host("a"), RuleParser.parse("((Host(`a`)))"));
    }

    @Test
    void whitespaceAndNewlinesAfterOperatorsAreAllowed() {
        assertInstanceOf(Rule.And.class, RuleParser.parse("  Host(`a`) &&\n\tPath(`/b`)\n"));
    }

    @Test
    void newlineBeforeAnOperatorEndsTheExpressionAsInGo() {
        rejects("Host(`a`)\n&& Path(`/b`)");
    }

    // syntax errors

    @Test
    void emptyRuleIsInvalid() {
        assertEquals("empty rule", rejects("").reason());
    }

    @Test
    void blankRuleIsInvalid() {
        assertEquals("empty rule", rejects("   ").reason());
    }

    @Test
    void trailingAndIsInvalid() {
        rejects("Host(`a`) &&");
    }

    @Test
    void trailingOrIsInvalid() {
        rejects("Host(`a`) ||");
    }

    @Test
    void leadingOperatorIsInvalid() {
        rejects("&& Host(`a`)");
    }

    @Test
    void singleAmpersandIsInvalid() {
        rejects("Host(`a`) & Path(`/`)");
    }

    @Test
    void missingOperatorBetweenMatchersIsInvalid() {
        rejects("Host(`a`) Path(`/`)");
    }

    @Test
    void extraClosingParenthesisIsInvalid() {
        assertTrue(rejects("Host(`a`))").reason().startsWith("unbalanced parentheses"));
    }

    @Test
    void missingClosingParenthesisIsInvalid() {
        assertTrue(rejects("(Host(`a`)").reason().startsWith("unbalanced parentheses"));
    }

    @Test
    void unclosedMatcherCallIsInvalid() {
        rejects("Host(`a`");
    }

    @Test
    void emptyParenthesesAreInvalid() {
        rejects("()");
    }

    @Test
    void comparisonOperatorsAreInvalid() {
        rejects("Host(`a`) != Host(`b`)");
    }

    @Test
    void deeplyNestedRuleIsRejectedNotOverflowing() {
        rejects("(".repeat(10_000) + "Host(`a`)" + ")".repeat(10_000));
    }

    // error message

    @Test
    void errorMessageStartsWithTheRuleAndEndsWithThePosition() {
        RuleSyntaxException e = rejects("Host(`a`) &&");
        assertEquals("error while parsing rule Host(`a`) &&: unexpected end of rule, expected a matcher"
                + " (at character 13)", e.getMessage());
        assertEquals("Host(`a`) &&", e.rule());
        assertEquals(12, e.position());
    }

    @Test
    void valueErrorsPointAtTheMatcher() {
        RuleSyntaxException e = rejects("Host(`a`) && Path(`b`)");
        assertEquals(13, e.position());
    }

    // rendering

    @Test
    void toStringWritesTheRuleBack() {
        String rule = "Host(`a.com`) && (Path(`/a`) || !PathPrefix(`/b`)) && !(Method(`GET`) || Query(`q`))";
        assertEquals(rule, RuleParser.parse(rule).toString());
    }

    @Test
    void toStringUsesDoubleQuotesForAValueWithABackquote() {
        assertEquals("Header(`X-A`, \"a`b\")", RuleParser.parse("Header(`X-A`, \"a`b\")").toString());
    }
}

package dev.junction.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.RoutingRequest;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static boolean matches(String rule, RoutingRequest request) {
        return RuleParser.parse(rule).matches(request);
    }

    // HostRegexp

    @Test
    void hostRegexpIsUnanchored() {
        assertTrue(matches("HostRegexp(`traefik`)", TestRequest.host("foo.traefik.com")));
    }

    @Test
    void hostRegexpMatchesSubdomains() {
        assertTrue(matches("HostRegexp(`^[a-z]+\\.traefik\\.com$`)", TestRequest.host("foobar.traefik.com")));
    }

    @Test
    void hostRegexpWithUpperCaseClassNeverMatchesTheLowerCasedHost() {
        assertFalse(matches("HostRegexp(`^[A-Z]+\\.com$`)", TestRequest.host("example.com")));
    }

    @Test
    void hostRegexpV2TemplateIsLiteralTextAndDoesNotMatch() {
        assertFalse(matches("HostRegexp(`{subdomain:[a-z]+}.example.com`)", TestRequest.host("a.example.com")));
    }

    @Test
    void hostRegexpWithNonAsciiIsInvalid() {
        assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("HostRegexp(`ü`)"));
    }

    @Test
    void invalidRegexpIsInvalidRule() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("PathRegexp(`(`)"));
        assertTrue(e.reason().startsWith("invalid regular expression `(`"), e.reason());
    }

    // Path

    @Test
    void pathMatchesExactly() {
        assertTrue(matches("Path(`/css`)", TestRequest.path("/css")));
    }

    @Test
    void pathDoesNotMatchWithATrailingSlash() {
        assertFalse(matches("Path(`/css`)", TestRequest.path("/css/")));
    }

    @Test
    void pathIsCaseSensitive() {
        assertFalse(matches("Path(`/CSS`)", TestRequest.path("/css")));
    }

    @Test
    void pathMustStartWithSlash() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("Path(`css`)"));
        assertEquals("path \"css\" does not start with a '/'", e.reason());
    }

    @Test
    void pathHasNoPlaceholders() {
        assertFalse(matches("Path(`/user/{id}`)", TestRequest.path("/user/42")));
    }

    @Test
    void pathWithEncodedSlashMatchesTheRoutingPathThatKeepsIt() {
        assertTrue(matches("Path(`/foo%2Fbar`)", TestRequest.path("/foo%2Fbar")));
    }

    // PathPrefix

    @Test
    void pathPrefixIsAPlainStringPrefix() {
        assertTrue(matches("PathPrefix(`/products`)", TestRequest.path("/products-for-sale")));
    }

    @Test
    void pathPrefixDoesNotMatchAShorterPath() {
        assertFalse(matches("PathPrefix(`/products`)", TestRequest.path("/product")));
    }

    @Test
    void pathPrefixMustStartWithSlash() {
        assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("PathPrefix(`api`)"));
    }

    @Test
    void pathPrefixDoesNotMatchAnEncodedSlash() {
        assertFalse(matches("PathPrefix(`/foo/bar`)", TestRequest.path("/foo%2Fbar")));
    }

    // PathRegexp

    @Test
    void pathRegexpIsUnanchored() {
        assertTrue(matches("PathRegexp(`^/(css|js)`)", TestRequest.path("/css/main.css")));
    }

    @Test
    void pathRegexpNeedsNoLeadingSlash() {
        assertTrue(matches("PathRegexp(`\\.css$`)", TestRequest.path("/a/main.css")));
    }

    @Test
    void pathRegexpIsCaseSensitive() {
        assertFalse(matches("PathRegexp(`^/CSS`)", TestRequest.path("/css")));
    }

    @Test
    void pathRegexpCaseInsensitiveFlag() {
        assertTrue(matches("PathRegexp(`(?i)^/CSS`)", TestRequest.path("/css")));
    }

    @Test
    void pathRegexpDollarDoesNotMatchBeforeATrailingNewline() {
        assertFalse(matches("PathRegexp(`^/a$`)", TestRequest.path("/a\n")));
    }

    // Method

    @Test
    void methodMatchesTheSameMethod() {
        assertTrue(matches("Method(`POST`)", TestRequest.path("/").withMethod("POST")));
    }

    @Test
    void methodValueIsUpperCased() {
        assertTrue(matches("Method(`get`)", TestRequest.path("/")));
    }

    @Test
    void methodIsComparedCaseSensitivelyWithTheRequest() {
        assertFalse(matches("Method(`GET`)", TestRequest.path("/").withMethod("get")));
    }

    @Test
    void methodTakesOneValue() {
        assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("Method(`GET`, `POST`)"));
    }

    // Header

    @Test
    void headerMatchesAnyValueLine() {
        TestRequest r = TestRequest.path("/").withHeader("X-Forwarded-Proto", "http", "https");
        assertTrue(matches("Header(`X-Forwarded-Proto`, `https`)", r));
    }

    @Test
    void headerNameIsCaseInsensitive() {
        TestRequest r = TestRequest.path("/").withHeader("Content-Type", "application/json");
        assertTrue(matches("Header(`content-type`, `application/json`)", r));
    }

    @Test
    void headerValueIsCaseSensitive() {
        TestRequest r = TestRequest.path("/").withHeader("X-A", "Yes");
        assertFalse(matches("Header(`X-A`, `yes`)", r));
    }

    @Test
    void headerValueMustEqualAWholeLine() {
        TestRequest r = TestRequest.path("/").withHeader("X-Forwarded-Proto", "http, https");
        assertFalse(matches("Header(`X-Forwarded-Proto`, `https`)", r));
    }

    @Test
    void headerAbsentDoesNotMatch() {
        assertFalse(matches("Header(`X-A`, `1`)", TestRequest.path("/")));
    }

    @Test
    void headerHostNeverMatches() {
        TestRequest r = TestRequest.path("/").withHeader("Host", "example.com");
        assertFalse(matches("Header(`Host`, `example.com`)", r));
    }

    @Test
    void headerTakesTwoValues() {
        assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("Header(`X-A`)"));
    }

    // HeaderRegexp

    @Test
    void headerRegexpMatchesAnyValueLineUnanchored() {
        TestRequest r = TestRequest.path("/").withHeader("User-Agent", "curl/8.0", "Mozilla/5.0 Firefox");
        assertTrue(matches("HeaderRegexp(`User-Agent`, `Firefox`)", r));
    }

    @Test
    void headerRegexpAbsentHeaderDoesNotMatch() {
        assertFalse(matches("HeaderRegexp(`User-Agent`, `.*`)", TestRequest.path("/")));
    }

    // Query

    @Test
    void queryWithValueMatchesAnyValue() {
        TestRequest r = TestRequest.path("/").withQuery("lang", "de", "fr");
        assertTrue(matches("Query(`lang`, `fr`)", r));
    }

    @Test
    void queryValueIsCaseSensitive() {
        TestRequest r = TestRequest.path("/").withQuery("lang", "FR");
        assertFalse(matches("Query(`lang`, `fr`)", r));
    }

    @Test
    void queryKeyIsCaseSensitive() {
        TestRequest r = TestRequest.path("/").withQuery("Lang", "fr");
        assertFalse(matches("Query(`lang`, `fr`)", r));
    }

    @Test
    void queryWithOneArgumentMatchesAKeyWithoutValue() {
        TestRequest r = TestRequest.path("/").withQuery("mobile", "");
        assertTrue(matches("Query(`mobile`)", r));
    }

    @Test
    void queryWithOneArgumentDoesNotMatchAKeyWithAValue() {
        TestRequest r = TestRequest.path("/").withQuery("mobile", "1");
        assertFalse(matches("Query(`mobile`)", r));
    }

    @Test
    void queryAbsentDoesNotMatch() {
        assertFalse(matches("Query(`mobile`)", TestRequest.path("/")));
    }

    @Test
    void queryTakesAtMostTwoValues() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
                () -> RuleParser.parse("Query(`a`, `b`, `c`)"));
        assertEquals("Query takes 1 or 2 values but got 3", e.reason());
    }

    // QueryRegexp

    @Test
    void queryRegexpMatchesAnyValue() {
        TestRequest r = TestRequest.path("/").withQuery("id", "abc", "123");
        assertTrue(matches("QueryRegexp(`id`, `^[0-9]+$`)", r));
    }

    @Test
    void queryRegexpWithoutMatchingValueDoesNotMatch() {
        TestRequest r = TestRequest.path("/").withQuery("id", "abc");
        assertFalse(matches("QueryRegexp(`id`, `^[0-9]+$`)", r));
    }

    @Test
    void queryRegexpWithOneArgumentIsQuery() {
        assertEquals(new Rule.Query("mobile", ""), RuleParser.parse("QueryRegexp(`mobile`)"));
    }

    // ClientIP

    @Test
    void clientIpMatchesTheAddress() {
        assertTrue(matches("ClientIP(`192.0.2.1`)", TestRequest.path("/")));
    }

    @Test
    void clientIpMatchesACidr() {
        assertTrue(matches("ClientIP(`10.0.0.0/8`)", TestRequest.path("/").withClient("10.1.2.3")));
    }

    @Test
    void clientIpOutsideTheCidrDoesNotMatch() {
        assertFalse(matches("ClientIP(`10.0.0.0/8`)", TestRequest.path("/").withClient("11.0.0.1")));
    }

    @Test
    void clientIpMatchesIpv6() {
        assertTrue(matches("ClientIP(`2001:db8::/32`)", TestRequest.path("/").withClient("2001:db8::1")));
    }

    @Test
    void clientIpIgnoresForwardedFor() {
        TestRequest r = TestRequest.path("/").withHeader("X-Forwarded-For", "10.0.0.1");
        assertFalse(matches("ClientIP(`10.0.0.1`)", r));
    }

    @Test
    void clientIpInvalidValueIsInvalidRule() {
        assertThrows(RuleSyntaxException.class, () -> RuleParser.parse("ClientIP(`not-an-ip`)"));
    }
}

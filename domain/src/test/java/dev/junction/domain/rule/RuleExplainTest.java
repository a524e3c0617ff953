package dev.junction.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleExplainTest {

    private static List<String> explain(String rule, TestRequest request) {
        return RuleParser.parse(rule).explain(request);
    }

    @Test
    void failedHostSaysWhatTheHostWas() {
        assertEquals(List.of("Host(`example.com`) is false: host is \"foo.com\""),
                explain("Host(`example.com`)", TestRequest.host("foo.com")));
    }

    @Test
    void failedHostOnARequestWithoutHost() {
        assertEquals(List.of("Host(`example.com`) is false: request has no host"),
                explain("Host(`example.com`)", TestRequest.host("")));
    }

    @Test
    void failedAndNamesOnlyTheFailingOperand() {
        assertEquals(List.of("Path(`/api`) is false: path is \"/web\""),
                explain("Host(`a.com`) && Path(`/api`)", TestRequest.get("a.com", "/web")));
    }

    @Test
    void failedOrNamesEveryOperand() {
        assertEquals(List.of("Host(`a.com`) is false: host is \"c.com\"", "Host(`b.com`) is false: host is \"c.com\""),
                explain("Host(`a.com`) || Host(`b.com`)", TestRequest.host("c.com")));
    }

    @Test
    void matchingRuleNamesTheMatchersThatHeld() {
        assertEquals(List.of("Host(`a.com`) is true: host is \"a.com\""),
                explain("Host(`a.com`) || Host(`b.com`)", TestRequest.host("a.com")));
    }

    @Test
    void failedNotSaysTheMatcherWasTrue() {
        assertEquals(List.of("!Host(`a.com`) is false: host is \"a.com\""),
                explain("!Host(`a.com`)", TestRequest.host("a.com")));
    }

    @Test
    void failedNegatedGroupExplainsTheGroup() {
        assertEquals(List.of("!(Host(`a.com`) && Path(`/`)) is false because Host(`a.com`) && Path(`/`) is true:",
                        "Host(`a.com`) is true: host is \"a.com\"", "Path(`/`) is true: path is \"/\""),
                explain("!(Host(`a.com`) && Path(`/`))", TestRequest.get("a.com", "/")));
    }

    @Test
    void failedHeaderSaysTheHeaderWasAbsent() {
        assertEquals(List.of("Header(`X-A`, `1`) is false: header \"X-A\" is absent"),
                explain("Header(`X-A`, `1`)", TestRequest.path("/")));
    }

    @Test
    void failedHeaderListsTheValues() {
        assertEquals(List.of("Header(`X-A`, `1`) is false: header \"X-A\" is [\"2\", \"3\"]"),
                explain("Header(`X-A`, `1`)", TestRequest.path("/").withHeader("x-a", "2", "3")));
    }

    @Test
    void failedMethodSaysTheMethod() {
        assertEquals(List.of("Method(`POST`) is false: method is \"GET\""),
                explain("Method(`post`)", TestRequest.path("/")));
    }

    @Test
    void failedQuerySaysTheParameterWasAbsent() {
        assertEquals(List.of("Query(`q`, `1`) is false: query parameter \"q\" is absent"),
                explain("Query(`q`, `1`)", TestRequest.path("/")));
    }

    @Test
    void failedClientIpSaysTheAddress() {
        assertEquals(List.of("ClientIP(`10.0.0.0/8`) is false: client address is 192.0.2.1"),
                explain("ClientIP(`10.0.0.0/8`)", TestRequest.path("/")));
    }

    @Test
    void failedPathRegexpSaysThePath() {
        assertEquals(List.of("PathRegexp(`^/api`) is false: path is \"/web\""),
                explain("PathRegexp(`^/api`)", TestRequest.path("/web")));
    }
}

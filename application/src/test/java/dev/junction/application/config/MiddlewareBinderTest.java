package dev.junction.application.config;

import static dev.junction.application.config.ConfigFixtures.yamlText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.tree.Origin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The middleware types read by {@link MiddlewareBinder}: their options, defaults and errors, with file and line. */
class MiddlewareBinderTest {
    private final DynamicConfigBinder binder = new DynamicConfigBinder();

    private MiddlewareConfig middleware(String yaml) {
        return binder.bind(yamlText("d.yml", "http:\n  middlewares:\n    m:\n" + yaml)).middlewares().get("m");
    }

    private List<String> problems(String yaml) {
        MiddlewareConfig.Invalid invalid = assertInstanceOf(MiddlewareConfig.Invalid.class, middleware(yaml));
        return invalid.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void readsPathMiddlewares() {
        Origin at = new Origin("d.yml", 3);
        assertEquals(new MiddlewareConfig.StripPrefix("m", at, List.of("/api", "/v1")),
                middleware("      stripPrefix:\n        prefixes: [/api, /v1]\n"));
        assertEquals(new MiddlewareConfig.AddPrefix("m", at, "/p"), middleware("      addPrefix:\n        prefix: /p\n"));
        assertEquals(new MiddlewareConfig.ReplacePathRegex("m", at, "^/a/(.*)", "/b/$1"),
                middleware("      replacePathRegex:\n        regex: \" ^/a/(.*) \"\n        replacement: /b/$1\n"));
    }

    @Test
    void typeNamesMatchIgnoringCaseAndIpWhiteListIsTheOldNameOfIpAllowList() {
        assertInstanceOf(MiddlewareConfig.StripPrefix.class,
                middleware("      StripPrefix:\n        prefixes: [/api]\n"));
        MiddlewareConfig.IpAllowList list = assertInstanceOf(MiddlewareConfig.IpAllowList.class,
                middleware("      ipWhiteList:\n        sourceRange: [10.0.0.0/8]\n"));
        assertEquals(403, list.rejectStatusCode());
    }

    @Test
    void redirectSchemeDefaultsToTemporaryWithoutPort() {
        assertEquals(new MiddlewareConfig.RedirectScheme("m", new Origin("d.yml", 3), "https", "", false),
                middleware("      redirectScheme:\n        scheme: https\n"));
    }

    @Test
    void headersKeepCustomHeadersInOrderWithEmptyValues() {
        MiddlewareConfig.Headers headers = assertInstanceOf(MiddlewareConfig.Headers.class, middleware(
                "      headers:\n        customRequestHeaders:\n          X-A: \"1\"\n          X-B: \"\"\n"));
        assertEquals(Map.of("X-A", "1", "X-B", ""), headers.customRequestHeaders());
        assertEquals(List.of("X-A", "X-B"), List.copyOf(headers.customRequestHeaders().keySet()));
    }

    @Test
    void aBadRegexNamesTheFileLineAndKey() {
        assertEquals(List.of("d.yml:6: http.middlewares.m.replacePathRegex.regex: invalid regular expression "
                        + "\"(unclosed\": Unclosed group"),
                problems("      replacePathRegex:\n        replacement: /x\n        regex: \"(unclosed\"\n"));
    }

    @Test
    void anInvalidCidrNamesItsIndexedKey() {
        assertEquals(List.of("d.yml:7: http.middlewares.m.ipAllowList.sourceRange[1]: invalid CIDR prefix: "
                        + "\"10.0.0.0/33\""),
                problems("      ipAllowList:\n        sourceRange:\n          - 127.0.0.1\n          - 10.0.0.0/33\n"));
    }

    @Test
    void missingRequiredOptionsAreProblems() {
        assertEquals(List.of("d.yml:4: http.middlewares.m.stripPrefix.prefixes: stripPrefix needs at least one prefix"),
                problems("      stripPrefix:\n        forceSlash: false\n"));
        assertEquals(List.of("d.yml:4: http.middlewares.m.redirectScheme.scheme: scheme is required"),
                problems("      redirectScheme:\n        permanent: true\n"));
        assertEquals(List.of("d.yml:4: http.middlewares.m.ipAllowList.sourceRange: ipAllowList needs a sourceRange"),
                problems("      ipAllowList:\n        rejectStatusCode: 404\n"));
    }

    @Test
    void anEmptyHeadersMiddlewareIsAnError() {
        assertEquals(List.of("d.yml:4: http.middlewares.m.headers: the headers middleware sets nothing: "
                + "give at least one option"), problems("      headers:\n        sslRedirect: true\n"));
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertEquals(List.of("d.yml:6: http.middlewares.m.addPrefix.prefixes: unknown key"),
                problems("      addPrefix:\n        prefix: /a\n        prefixes: [/b]\n"));
    }

    @Test
    void aChainListsItsMembers() {
        assertEquals(new MiddlewareConfig.Chain("m", new Origin("d.yml", 3), List.of("a", "b@file")),
                middleware("      chain:\n        middlewares: [a, b@file]\n"));
    }

    @Test
    void bufferingReadsItsLimitsAndRetryExpression() {
        assertEquals(new MiddlewareConfig.Buffering("m", new Origin("d.yml", 3), 0, 1_048_576, 10, 1_048_576,
                        "IsNetworkError() && Attempts() < 2"),
                middleware("      buffering:\n        maxResponseBodyBytes: 10\n"
                        + "        retryExpression: \"IsNetworkError() && Attempts() < 2\"\n"));
    }

    @Test
    void aBadExpressionNamesItsPosition() {
        assertEquals(List.of("d.yml:5: http.middlewares.m.buffering.retryExpression: invalid expression "
                        + "\"Attempts() <\" at 13: expected a number or a function"),
                problems("      buffering:\n        retryExpression: \"Attempts() <\"\n"));
        assertEquals(List.of("d.yml:5: http.middlewares.m.circuitBreaker.expression: invalid expression "
                        + "\"NetworkErrorRatio() > 0.5 && Latency() > 1\" at 30: unknown function Latency(); known: "
                        + "LatencyAtQuantileMS(), NetworkErrorRatio(), RequestThreshold(), ResponseCodeRatio()"),
                problems("      circuitBreaker:\n"
                        + "        expression: \"NetworkErrorRatio() > 0.5 && Latency() > 1\"\n"));
    }

    @Test
    void errorsTellsAnAbsentErrorRequestHeadersFromAnEmptyOne() {
        String base = "      errors:\n        status: [\"500-599\"]\n        service: pages\n";
        assertEquals(Optional.empty(),
                assertInstanceOf(MiddlewareConfig.Errors.class, middleware(base)).errorRequestHeaders());
        assertEquals(Optional.of(List.of()), assertInstanceOf(MiddlewareConfig.Errors.class,
                middleware(base + "        errorRequestHeaders: []\n")).errorRequestHeaders());
        assertEquals(Optional.of(List.of("Accept")), assertInstanceOf(MiddlewareConfig.Errors.class,
                middleware(base + "        errorRequestHeaders: [Accept]\n")).errorRequestHeaders());
    }

    @Test
    void forwardAuthTlsNeedsCertAndKeyTogether() {
        assertEquals(List.of("d.yml:6: http.middlewares.m.forwardAuth.tls.key: cert and key go together: key is missing"),
                problems("      forwardAuth:\n        address: https://auth\n        tls:\n          cert: c.pem\n"));
        MiddlewareConfig.ForwardAuth auth = assertInstanceOf(MiddlewareConfig.ForwardAuth.class, middleware(
                "      forwardAuth:\n        address: https://auth\n        tls:\n          ca: ca.pem\n"
                        + "          caOptional: true\n          insecureSkipVerify: true\n"));
        assertEquals(Optional.of(new dev.junction.domain.config.dynamic.ClientTls("ca.pem", Optional.empty(), true)),
                auth.tls());
    }

    @Test
    void grpcWebReadsItsOriginsAndAllowsNoneByDefault() {
        assertEquals(new MiddlewareConfig.GrpcWeb("m", new Origin("d.yml", 3), List.of("https://a.example", "*")),
                middleware("      grpcWeb:\n        allowOrigins: [\"https://a.example\", \"*\"]\n"));
        assertEquals(new MiddlewareConfig.GrpcWeb("m", new Origin("d.yml", 3), List.of()),
                middleware("      grpcWeb: {}\n"));
    }
}

package dev.junction.domain.middleware.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class HeadersTest {
    private final RecordingHandler next = new RecordingHandler();

    /** Every option of the headers middleware, unset until a test sets it. */
    private static final class Config {
        final Map<String, String> customRequestHeaders = new LinkedHashMap<>();
        final Map<String, String> customResponseHeaders = new LinkedHashMap<>();
        boolean allowCredentials;
        List<String> allowHeaders = List.of();
        List<String> allowMethods = List.of();
        List<String> allowOriginList = List.of();
        List<String> allowOriginListRegex = List.of();
        List<String> exposeHeaders = List.of();
        long maxAge;
        boolean addVaryHeader;
        List<String> allowedHosts = List.of();
        List<String> hostsProxyHeaders = List.of();
        Map<String, String> sslProxyHeaders = Map.of();
        long stsSeconds;
        boolean stsIncludeSubdomains;
        boolean stsPreload;
        boolean forceStsHeader;
        boolean frameDeny;
        String customFrameOptionsValue = "";
        boolean contentTypeNosniff;
        boolean browserXssFilter;
        String customBrowserXssValue = "";
        String contentSecurityPolicy = "";
        String contentSecurityPolicyReportOnly = "";
        String publicKey = "";
        String referrerPolicy = "";
        String permissionsPolicy = "";
        boolean isDevelopment;

        Headers build() {
            var cors = new MiddlewareConfig.Headers.Cors(allowCredentials, allowHeaders, allowMethods,
                    allowOriginList, allowOriginListRegex, exposeHeaders, maxAge, addVaryHeader);
            var security = new MiddlewareConfig.Headers.Security(allowedHosts, hostsProxyHeaders, sslProxyHeaders,
                    stsSeconds, stsIncludeSubdomains, stsPreload, forceStsHeader, frameDeny, customFrameOptionsValue,
                    contentTypeNosniff, browserXssFilter, customBrowserXssValue, contentSecurityPolicy,
                    contentSecurityPolicyReportOnly, publicKey, referrerPolicy, permissionsPolicy, isDevelopment);
            return new Headers(new MiddlewareConfig.Headers("test-headers", Origin.of("test"), customRequestHeaders,
                    customResponseHeaders, cors, security));
        }
    }

    private RecordingExchange run(Config config, RecordingExchange exchange) {
        config.build().handle(exchange, next);
        return exchange;
    }

    /** Runs the middleware, then answers through the exchange it passed on, as a backend would. */
    private RecordingExchange answer(Config config, RecordingExchange exchange, ListHeaders backendHeaders) {
        run(config, exchange);
        assertTrue(next.called(), "the middleware must pass the request on");
        next.exchange().respond(200, backendHeaders, "ok");
        return exchange;
    }

    private RecordingExchange answer(Config config, RecordingExchange exchange) {
        return answer(config, exchange, new ListHeaders());
    }

    private static ListHeaders headers(String... namesAndValues) {
        ListHeaders headers = new ListHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static RecordingExchange preflight(String origin) {
        return new RecordingExchange().withMethod("OPTIONS").withHeader("Origin", origin)
                .withHeader("Access-Control-Request-Method", "GET");
    }

    private static Config corsForA() {
        Config config = new Config();
        config.allowOriginList = List.of("https://a.com");
        config.allowMethods = List.of("GET", "POST");
        config.maxAge = 100;
        return config;
    }

    // ---- custom request headers ----

    @Test
    void setsACustomRequestHeader() {
        Config config = new Config();
        config.customRequestHeaders.put("X-Script-Name", "test");
        RecordingExchange exchange = run(config, new RecordingExchange());
        assertEquals(List.of("test"), exchange.requestHeaders().all("X-Script-Name"));
    }

    @Test
    void customRequestHeaderReplacesEveryValueTheClientSent() {
        Config config = new Config();
        config.customRequestHeaders.put("X-Script-Name", "test");
        RecordingExchange exchange = run(config, new RecordingExchange()
                .withHeader("X-Script-Name", "a").withHeader("x-script-name", "b"));
        assertEquals(List.of("test"), exchange.requestHeaders().all("X-Script-Name"));
    }

    @Test
    void emptyCustomRequestHeaderRemovesIt() {
        Config config = new Config();
        config.customRequestHeaders.put("X-Script-Name", "test");
        config.customRequestHeaders.put("X-Remove", "");
        RecordingExchange exchange = run(config, new RecordingExchange().withHeader("X-Remove", "secret"));
        assertFalse(exchange.requestHeaders().contains("X-Remove"));
        assertEquals("test", exchange.requestHeaders().first("X-Script-Name"));
    }

    @Test
    void passesOnAnExchangeOverTheSameRequest() {
        Config config = new Config();
        config.customRequestHeaders.put("X-Script-Name", "test");
        RecordingExchange exchange = run(config, new RecordingExchange().withRawPath("/p").withRawQuery("q=1"));
        Exchange passed = next.exchange();
        assertEquals(1, next.calls());
        assertEquals("/p", passed.rawPath());
        assertEquals("q=1", passed.rawQuery());
        assertSame(exchange.requestHeaders(), passed.requestHeaders());
        assertEquals(0, exchange.answers());
    }

    @Test
    void hostEntryChangesTheHostPassedOn() {
        Config config = new Config();
        config.customRequestHeaders.put("Host", "backend.internal");
        RecordingExchange exchange = run(config, new RecordingExchange().withHostHeader("example.com"));
        assertEquals("backend.internal", next.exchange().hostHeader());
        assertFalse(exchange.requestHeaders().contains("Host"));
    }

    @Test
    void withoutHostEntryTheHostIsPassedOnUnchanged() {
        Config config = new Config();
        config.customRequestHeaders.put("X-Script-Name", "test");
        run(config, new RecordingExchange().withHostHeader("example.com:8080"));
        assertEquals("example.com:8080", next.exchange().hostHeader());
    }

    // ---- custom response headers ----

    @Test
    void customResponseHeadersEditTheAnswer() {
        Config config = new Config();
        config.customResponseHeaders.put("X-Custom", "v");
        config.customResponseHeaders.put("Server", "");
        RecordingExchange exchange = answer(config, new RecordingExchange(),
                headers("Server", "backend/1.0", "Content-Type", "text/plain"));
        assertEquals(200, exchange.status());
        assertEquals("ok", exchange.responseBody());
        assertFalse(exchange.responseHeaders().contains("Server"));
        assertEquals(List.of("v"), exchange.responseHeaders().all("X-Custom"));
        assertEquals("text/plain", exchange.responseHeaders().first("Content-Type"));
    }

    @Test
    void customResponseHeaderReplacesTheBackendValue() {
        Config config = new Config();
        config.customResponseHeaders.put("X-Custom", "v");
        RecordingExchange exchange = answer(config, new RecordingExchange(), headers("X-Custom", "backend"));
        assertEquals(List.of("v"), exchange.responseHeaders().all("X-Custom"));
    }

    @Test
    void customResponseHeadersEditAStreamedAnswer() {
        Config config = new Config();
        config.customResponseHeaders.put("X-Custom", "v");
        config.customResponseHeaders.put("Server", "");
        RecordingExchange exchange = run(config, new RecordingExchange());
        Flow.Publisher<ByteBuffer> body = subscriber -> { };
        next.exchange().stream(201, headers("Server", "backend/1.0"), body);
        assertEquals(201, exchange.status());
        assertSame(body, exchange.streamedBody());
        assertFalse(exchange.responseHeaders().contains("Server"));
        assertEquals("v", exchange.responseHeaders().first("X-Custom"));
    }

    @Test
    void answersOnlyOnceForOneBackendAnswer() {
        Config config = new Config();
        config.customResponseHeaders.put("X-Custom", "v");
        RecordingExchange exchange = answer(config, new RecordingExchange());
        assertEquals(1, exchange.answers());
    }

    // ---- security headers ----

    @Test
    void frameDenyAddsXFrameOptionsDeny() {
        Config config = new Config();
        config.frameDeny = true;
        assertEquals("DENY", answer(config, new RecordingExchange()).responseHeaders().first("X-Frame-Options"));
    }

    @Test
    void customFrameOptionsValueWinsOverFrameDeny() {
        Config config = new Config();
        config.frameDeny = true;
        config.customFrameOptionsValue = "SAMEORIGIN";
        assertEquals("SAMEORIGIN", answer(config, new RecordingExchange()).responseHeaders().first("X-Frame-Options"));
    }

    @Test
    void contentTypeNosniffAddsItsHeader() {
        Config config = new Config();
        config.contentTypeNosniff = true;
        assertEquals("nosniff",
                answer(config, new RecordingExchange()).responseHeaders().first("X-Content-Type-Options"));
    }

    @Test
    void browserXssFilterAddsModeBlock() {
        Config config = new Config();
        config.browserXssFilter = true;
        assertEquals("1; mode=block",
                answer(config, new RecordingExchange()).responseHeaders().first("X-XSS-Protection"));
    }

    @Test
    void stringSecurityOptionsAreWrittenAsConfigured() {
        Config config = new Config();
        config.contentSecurityPolicy = "default-src 'self'";
        config.referrerPolicy = "no-referrer";
        config.permissionsPolicy = "camera=()";
        HttpHeaders response = answer(config, new RecordingExchange()).responseHeaders();
        assertEquals("default-src 'self'", response.first("Content-Security-Policy"));
        assertEquals("no-referrer", response.first("Referrer-Policy"));
        assertEquals("camera=()", response.first("Permissions-Policy"));
    }

    @Test
    void stsIsSentOverHttps() {
        Config config = new Config();
        config.stsSeconds = 31536000;
        config.stsIncludeSubdomains = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withScheme("https"));
        assertEquals("max-age=31536000; includeSubDomains",
                exchange.responseHeaders().first("Strict-Transport-Security"));
    }

    @Test
    void stsIsNotSentOverPlainHttp() {
        Config config = new Config();
        config.stsSeconds = 31536000;
        config.stsIncludeSubdomains = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withScheme("http"));
        assertFalse(exchange.responseHeaders().contains("Strict-Transport-Security"));
    }

    @Test
    void forcedStsIsSentOverPlainHttp() {
        Config config = new Config();
        config.stsSeconds = 31536000;
        config.stsIncludeSubdomains = true;
        config.forceStsHeader = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withScheme("http"));
        assertEquals("max-age=31536000; includeSubDomains",
                exchange.responseHeaders().first("Strict-Transport-Security"));
    }

    @Test
    void stsPreloadIsAppended() {
        Config config = new Config();
        config.stsSeconds = 60;
        config.stsIncludeSubdomains = true;
        config.stsPreload = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withScheme("https"));
        assertEquals("max-age=60; includeSubDomains; preload",
                exchange.responseHeaders().first("Strict-Transport-Security"));
    }

    @Test
    void sslProxyHeaderMakesAPlainRequestCountAsTls() {
        Config config = new Config();
        config.stsSeconds = 60;
        config.sslProxyHeaders = Map.of("X-Forwarded-Proto", "https");
        RecordingExchange exchange = answer(config, new RecordingExchange().withScheme("http")
                .withHeader("X-Forwarded-Proto", "https"));
        assertEquals("max-age=60", exchange.responseHeaders().first("Strict-Transport-Security"));
    }

    @Test
    void developmentModeLeavesOutEvenAForcedSts() {
        Config config = new Config();
        config.stsSeconds = 60;
        config.forceStsHeader = true;
        config.isDevelopment = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withScheme("https"));
        assertFalse(exchange.responseHeaders().contains("Strict-Transport-Security"));
    }

    @Test
    void customResponseHeaderWinsOverASecurityHeader() {
        Config config = new Config();
        config.frameDeny = true;
        config.customResponseHeaders.put("X-Frame-Options", "SAMEORIGIN");
        RecordingExchange exchange = answer(config, new RecordingExchange());
        assertEquals(List.of("SAMEORIGIN"), exchange.responseHeaders().all("X-Frame-Options"));
    }

    // ---- allowed hosts ----

    @Test
    void rejectsAHostOutsideAllowedHosts() {
        Config config = new Config();
        config.allowedHosts = List.of("example.com");
        RecordingExchange exchange = run(config, new RecordingExchange().withHostHeader("evil.com"));
        assertEquals(500, exchange.status());
        assertEquals("Bad Host\n", exchange.responseBody());
        assertFalse(next.called());
    }

    @Test
    void letsAnAllowedHostOnWhateverItsCase() {
        Config config = new Config();
        config.allowedHosts = List.of("example.com");
        RecordingExchange exchange = run(config, new RecordingExchange().withHostHeader("EXAMPLE.com"));
        assertTrue(next.called());
        assertEquals(0, exchange.answers());
    }

    @Test
    void hostHeaderWithAPortIsNotAnAllowedHost() {
        Config config = new Config();
        config.allowedHosts = List.of("example.com");
        RecordingExchange exchange = run(config, new RecordingExchange().withHostHeader("example.com:8080"));
        assertEquals(500, exchange.status());
        assertFalse(next.called());
    }

    @Test
    void hostsProxyHeaderNamesTheHostToCheck() {
        Config config = new Config();
        config.allowedHosts = List.of("example.com");
        config.hostsProxyHeaders = List.of("X-Forwarded-Host");
        RecordingExchange exchange = run(config, new RecordingExchange().withHostHeader("evil.com")
                .withHeader("X-Forwarded-Host", "example.com"));
        assertTrue(next.called());
        assertEquals(0, exchange.answers());
    }

    @Test
    void developmentModeSkipsTheHostCheck() {
        Config config = new Config();
        config.allowedHosts = List.of("example.com");
        config.isDevelopment = true;
        run(config, new RecordingExchange().withHostHeader("evil.com"));
        assertTrue(next.called());
    }

    @Test
    void hostCheckSeesTheHostSetByCustomRequestHeaders() {
        Config config = new Config();
        config.allowedHosts = List.of("example.com");
        config.customRequestHeaders.put("Host", "example.com");
        RecordingExchange exchange = run(config, new RecordingExchange().withHostHeader("evil.com"));
        assertTrue(next.called());
        assertEquals(0, exchange.answers());
    }

    // ---- CORS ----

    @Test
    void answersAPreflightItself() {
        RecordingExchange exchange = run(corsForA(), preflight("https://a.com"));
        assertEquals(200, exchange.status());
        assertEquals("", exchange.responseBody());
        assertEquals("https://a.com", exchange.responseHeaders().first("Access-Control-Allow-Origin"));
        assertEquals("GET,POST", exchange.responseHeaders().first("Access-Control-Allow-Methods"));
        assertEquals("100", exchange.responseHeaders().first("Access-Control-Max-Age"));
        assertFalse(next.called());
    }

    @Test
    void preflightListsAllowedHeadersAndCredentials() {
        Config config = corsForA();
        config.allowHeaders = List.of("Content-Type", "X-Foo");
        config.allowCredentials = true;
        RecordingExchange exchange = run(config, preflight("https://a.com"));
        assertEquals("Content-Type,X-Foo", exchange.responseHeaders().first("Access-Control-Allow-Headers"));
        assertEquals("true", exchange.responseHeaders().first("Access-Control-Allow-Credentials"));
    }

    @Test
    void preflightFromAnOriginNotAllowedGetsNoAllowOrigin() {
        RecordingExchange exchange = run(corsForA(), preflight("https://evil.com"));
        assertEquals(200, exchange.status());
        assertNull(exchange.responseHeaders().first("Access-Control-Allow-Origin"));
        assertEquals("100", exchange.responseHeaders().first("Access-Control-Max-Age"));
        assertFalse(next.called());
    }

    @Test
    void optionsWithoutRequestMethodIsNotAPreflight() {
        RecordingExchange exchange = run(corsForA(),
                new RecordingExchange().withMethod("OPTIONS").withHeader("Origin", "https://a.com"));
        assertTrue(next.called());
        assertEquals(0, exchange.answers());
    }

    @Test
    void preflightIsAnsweredBeforeTheHostCheck() {
        Config config = corsForA();
        config.allowedHosts = List.of("example.com");
        RecordingExchange exchange = run(config, preflight("https://a.com").withHostHeader("evil.com"));
        assertEquals(200, exchange.status());
    }

    @Test
    void preflightAnswerCarriesNoSecurityHeaders() {
        Config config = corsForA();
        config.frameDeny = true;
        RecordingExchange exchange = run(config, preflight("https://a.com"));
        assertFalse(exchange.responseHeaders().contains("X-Frame-Options"));
    }

    @Test
    void allowedOriginGetsAllowOriginAndVary() {
        Config config = corsForA();
        config.addVaryHeader = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withHeader("Origin", "https://a.com"));
        assertEquals("https://a.com", exchange.responseHeaders().first("Access-Control-Allow-Origin"));
        assertEquals("Origin", exchange.responseHeaders().first("Vary"));
    }

    @Test
    void varyOriginIsAppendedToTheBackendVary() {
        Config config = corsForA();
        config.addVaryHeader = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withHeader("Origin", "https://a.com"),
                headers("Vary", "Accept-Encoding"));
        assertEquals(List.of("Accept-Encoding,Origin"), exchange.responseHeaders().all("Vary"));
    }

    @Test
    void varyAlreadyOriginIsLeftAlone() {
        Config config = corsForA();
        config.addVaryHeader = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withHeader("Origin", "https://a.com"),
                headers("Vary", "Origin"));
        assertEquals(List.of("Origin"), exchange.responseHeaders().all("Vary"));
    }

    @Test
    void noVaryWithoutAddVaryHeader() {
        RecordingExchange exchange = answer(corsForA(), new RecordingExchange().withHeader("Origin", "https://a.com"));
        assertFalse(exchange.responseHeaders().contains("Vary"));
    }

    @Test
    void originNotAllowedGetsNoAllowOrigin() {
        RecordingExchange exchange = answer(corsForA(), new RecordingExchange().withHeader("Origin", "https://b.com"));
        assertFalse(exchange.responseHeaders().contains("Access-Control-Allow-Origin"));
    }

    @Test
    void wildcardWithCredentialsEchoesTheOrigin() {
        Config config = new Config();
        config.allowOriginList = List.of("*");
        config.allowCredentials = true;
        RecordingExchange exchange = answer(config, new RecordingExchange().withHeader("Origin", "https://b.com"));
        assertEquals("https://b.com", exchange.responseHeaders().first("Access-Control-Allow-Origin"));
        assertEquals("true", exchange.responseHeaders().first("Access-Control-Allow-Credentials"));
    }

    @Test
    void wildcardWithoutCredentialsIsAStar() {
        Config config = new Config();
        config.allowOriginList = List.of("*");
        RecordingExchange exchange = answer(config, new RecordingExchange().withHeader("Origin", "https://b.com"));
        assertEquals("*", exchange.responseHeaders().first("Access-Control-Allow-Origin"));
    }

    @Test
    void originMatchingAnOriginRegexIsEchoed() {
        Config config = new Config();
        config.allowOriginListRegex = List.of("^https://[a-z]+\\.a\\.com$");
        RecordingExchange exchange = answer(config, new RecordingExchange().withHeader("Origin", "https://x.a.com"));
        assertEquals("https://x.a.com", exchange.responseHeaders().first("Access-Control-Allow-Origin"));
    }

    @Test
    void exposedHeadersAreJoinedWithoutSpaces() {
        Config config = corsForA();
        config.exposeHeaders = List.of("X-A", "X-B");
        RecordingExchange exchange = answer(config, new RecordingExchange().withHeader("Origin", "https://a.com"));
        assertEquals("X-A,X-B", exchange.responseHeaders().first("Access-Control-Expose-Headers"));
    }

    @Test
    void corsHeadersAreAddedToAStreamedAnswer() {
        Config config = corsForA();
        RecordingExchange exchange = run(config, new RecordingExchange().withHeader("Origin", "https://a.com"));
        next.exchange().stream(200, new ListHeaders(), subscriber -> { });
        assertNotNull(exchange.streamedBody());
        assertEquals("https://a.com", exchange.responseHeaders().first("Access-Control-Allow-Origin"));
    }
}

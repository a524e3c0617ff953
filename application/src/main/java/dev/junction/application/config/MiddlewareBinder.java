package dev.junction.application.config;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.ScalarNode;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.http.StatusRange;
import dev.junction.domain.middleware.circuitbreaker.CircuitBreaker;
import dev.junction.domain.net.IpRange;
import dev.junction.domain.text.GoRegex;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one middleware definition of every type but basicAuth (which {@link DynamicConfigBinder} reads): its
 * options, their defaults, and every check that can be made without building it. Expressions, address ranges,
 * statuses and durations are checked here, so a bad one is reported with its file, line and key, and the
 * middleware is kept in its invalid form (routers using it are disabled).
 */
final class MiddlewareBinder {
    private final String name;
    private final ConfigNode middleware;
    private final ConfigNode node;
    private final String key;

    MiddlewareBinder(String name, ConfigNode middleware, ConfigNode node, String key) {
        this.name = name;
        this.middleware = middleware;
        this.node = node;
        this.key = key;
    }

    /** The definition when {@code type} is one this binder reads; empty otherwise. */
    Optional<MiddlewareConfig> bind(String type) {
        Function<OptionReader, MiddlewareConfig> reader = switch (type.toLowerCase(Locale.ROOT)) {
            case "addprefix" -> this::addPrefix;
            case "stripprefix" -> this::stripPrefix;
            case "stripprefixregex" -> this::stripPrefixRegex;
            case "replacepath" -> this::replacePath;
            case "replacepathregex" -> this::replacePathRegex;
            case "redirectscheme" -> this::redirectScheme;
            case "redirectregex" -> this::redirectRegex;
            case "headers" -> this::headers;
            case "ipallowlist", "ipwhitelist" -> this::ipAllowList;
            case "ratelimit" -> this::rateLimit;
            case "forwardauth" -> this::forwardAuth;
            case "inflightreq" -> this::inFlightReq;
            case "encodedcharacters" -> this::encodedCharacters;
            case "retry" -> this::retry;
            case "errors" -> this::errors;
            case "compress" -> this::compress;
            case "circuitbreaker" -> this::circuitBreaker;
            case "digestauth" -> this::digestAuth;
            case "contenttype" -> this::contentType;
            case "buffering" -> this::buffering;
            case "chain" -> this::chain;
            default -> null;
        };
        if (reader == null) {
            return Optional.empty();
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<OptionReader> section = OptionReader.section(node, key, problems);
        if (section.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new ConfigProblem(node.origin(), key, type + " is switched off"));
            }
            return Optional.of(new MiddlewareConfig.Invalid(name, middleware.origin(), problems));
        }
        MiddlewareConfig config = reader.apply(section.get());
        section.get().finish();
        if (!problems.isEmpty()) {
            return Optional.of(new MiddlewareConfig.Invalid(name, middleware.origin(), problems));
        }
        return Optional.of(config);
    }

    private MiddlewareConfig addPrefix(OptionReader r) {
        String prefix = required(r, "prefix");
        return new MiddlewareConfig.AddPrefix(name, middleware.origin(), prefix);
    }

    private MiddlewareConfig stripPrefix(OptionReader r) {
        List<String> prefixes = r.strings("prefixes").map(OptionReader::values).orElse(List.of());
        r.ignore("forceSlash");
        if (prefixes.isEmpty()) {
            r.problem(node.origin(), r.key("prefixes"), "stripPrefix needs at least one prefix");
        }
        return new MiddlewareConfig.StripPrefix(name, middleware.origin(), prefixes);
    }

    private MiddlewareConfig stripPrefixRegex(OptionReader r) {
        List<OptionReader.Item> items = r.strings("regex").orElse(List.of());
        items.forEach(item -> regex(r, item.value(), item.origin(), item.key()));
        if (items.isEmpty()) {
            r.problem(node.origin(), r.key("regex"), "stripPrefixRegex needs at least one regex");
        }
        return new MiddlewareConfig.StripPrefixRegex(name, middleware.origin(), OptionReader.values(items));
    }

    private MiddlewareConfig replacePath(OptionReader r) {
        String path = required(r, "path");
        return new MiddlewareConfig.ReplacePath(name, middleware.origin(), path);
    }

    private MiddlewareConfig replacePathRegex(OptionReader r) {
        String regex = required(r, "regex").trim();
        String replacement = r.string("replacement").orElse("").trim();
        r.node("regex").ifPresent(n -> regex(r, regex, n.origin(), r.key("regex")));
        return new MiddlewareConfig.ReplacePathRegex(name, middleware.origin(), regex, replacement);
    }

    private MiddlewareConfig redirectScheme(OptionReader r) {
        String scheme = required(r, "scheme").trim();
        String port = r.string("port").orElse("").trim();
        boolean permanent = r.bool("permanent").orElse(false);
        if (!port.isEmpty() && !port.chars().allMatch(Character::isDigit)) {
            r.problem(r.node("port").get().origin(), r.key("port"), "port must be a number, got \"" + port + "\"");
        }
        return new MiddlewareConfig.RedirectScheme(name, middleware.origin(), scheme, port, permanent);
    }

    private MiddlewareConfig redirectRegex(OptionReader r) {
        String regex = required(r, "regex");
        String replacement = required(r, "replacement");
        boolean permanent = r.bool("permanent").orElse(false);
        r.node("regex").ifPresent(n -> regex(r, regex, n.origin(), r.key("regex")));
        return new MiddlewareConfig.RedirectRegex(name, middleware.origin(), regex, replacement, permanent);
    }

    private MiddlewareConfig headers(OptionReader r) {
        Map<String, String> request = stringMap(r, "customRequestHeaders");
        Map<String, String> response = stringMap(r, "customResponseHeaders");
        List<OptionReader.Item> originRegex = r.strings("accessControlAllowOriginListRegex").orElse(List.of());
        originRegex.forEach(item -> regex(r, item.value(), item.origin(), item.key()));
        var cors = new MiddlewareConfig.Headers.Cors(
                r.bool("accessControlAllowCredentials").orElse(false),
                list(r, "accessControlAllowHeaders"),
                list(r, "accessControlAllowMethods"),
                list(r, "accessControlAllowOriginList"),
                OptionReader.values(originRegex),
                list(r, "accessControlExposeHeaders"),
                r.integer("accessControlMaxAge").orElse(0L),
                r.bool("addVaryHeader").orElse(false));
        var security = new MiddlewareConfig.Headers.Security(
                list(r, "allowedHosts"),
                list(r, "hostsProxyHeaders"),
                stringMap(r, "sslProxyHeaders"),
                r.integer("stsSeconds").orElse(0L),
                r.bool("stsIncludeSubdomains").orElse(false),
                r.bool("stsPreload").orElse(false),
                r.bool("forceSTSHeader").orElse(false),
                r.bool("frameDeny").orElse(false),
                r.string("customFrameOptionsValue").orElse(""),
                r.bool("contentTypeNosniff").orElse(false),
                r.bool("browserXssFilter").orElse(false),
                r.string("customBrowserXSSValue").orElse(""),
                r.string("contentSecurityPolicy").orElse(""),
                r.string("contentSecurityPolicyReportOnly").orElse(""),
                r.string("publicKey").orElse(""),
                r.string("referrerPolicy").orElse(""),
                r.string("permissionsPolicy").orElse(""),
                r.bool("isDevelopment").orElse(false));
        r.ignore("sslRedirect", "sslTemporaryRedirect", "sslHost", "sslForceHost", "featurePolicy");
        if (request.isEmpty() && response.isEmpty() && !cors.isSet() && !security.isSet()) {
            r.problem(node.origin(), key, "the headers middleware sets nothing: give at least one option");
        }
        return new MiddlewareConfig.Headers(name, middleware.origin(), request, response, cors, security);
    }

    private MiddlewareConfig ipAllowList(OptionReader r) {
        List<OptionReader.Item> ranges = r.strings("sourceRange").orElse(List.of());
        ranges.forEach(item -> range(r, item));
        if (ranges.isEmpty()) {
            r.problem(node.origin(), r.key("sourceRange"), "ipAllowList needs a sourceRange");
        }
        Strategy strategy = r.section("ipStrategy").map(MiddlewareBinder::strategy).orElse(Strategy.NONE);
        int reject = r.smallInteger("rejectStatusCode").orElse(MiddlewareConfig.IpAllowList.DEFAULT_REJECT_STATUS);
        if (reject == 0) {
            reject = MiddlewareConfig.IpAllowList.DEFAULT_REJECT_STATUS;
        }
        if (reject < 100 || reject > 599) {
            r.problem(r.node("rejectStatusCode").get().origin(), r.key("rejectStatusCode"),
                    "rejectStatusCode must be an HTTP status (100-599), got " + reject);
        }
        return new MiddlewareConfig.IpAllowList(name, middleware.origin(), OptionReader.values(ranges),
                strategy.depth(), strategy.excludedIps(), strategy.ipv6Subnet(), reject);
    }

    private MiddlewareConfig rateLimit(OptionReader r) {
        long average = r.integer("average").orElse(0L);
        Duration period = r.duration("period").filter(p -> !p.isZero())
                .orElse(MiddlewareConfig.RateLimit.DEFAULT_PERIOD);
        long burst = r.integer("burst").orElse(1L);
        if (average < 0) {
            r.problem(r.node("average").get().origin(), r.key("average"), "average must not be negative");
        }
        if (period.isNegative() || period.isZero()) {
            r.problem(r.node("period").get().origin(), r.key("period"), "period must be positive");
        }
        MiddlewareConfig.Source source = r.section("sourceCriterion").map(this::source)
                .orElse(MiddlewareConfig.Source.CLIENT_ADDRESS);
        Optional<MiddlewareConfig.Redis> redis = r.section("redis").map(MiddlewareBinder::redis);
        return new MiddlewareConfig.RateLimit(name, middleware.origin(), average, period, burst, source, redis);
    }

    private static MiddlewareConfig.Redis redis(OptionReader r) {
        List<OptionReader.Item> endpoints = r.strings("endpoints").orElse(List.of());
        for (OptionReader.Item endpoint : endpoints) {
            int colon = endpoint.value().lastIndexOf(':');
            boolean ok = colon > 0 && colon < endpoint.value().length() - 1
                    && endpoint.value().substring(colon + 1).chars().allMatch(Character::isDigit);
            if (!ok) {
                r.problem(endpoint.origin(), endpoint.key(), "an endpoint is host:port, got \"" + endpoint.value() + "\"");
            }
        }
        if (endpoints.size() > 1) {
            r.problem(endpoints.get(1).origin(), endpoints.get(1).key(),
                    "Junction talks to one Redis endpoint; several (a cluster or sentinels) are not supported yet");
        }
        MiddlewareConfig.Redis redis = new MiddlewareConfig.Redis(
                endpoints.isEmpty() ? MiddlewareConfig.Redis.DEFAULT_ENDPOINTS : OptionReader.values(endpoints),
                r.string("username").orElse(""), r.string("password").orElse(""),
                r.smallInteger("db").orElse(0),
                positive(r, "dialTimeout", Duration.ofSeconds(5)),
                positive(r, "readTimeout", Duration.ofSeconds(3)),
                positive(r, "writeTimeout", Duration.ofSeconds(3)));
        r.ignore("poolSize", "minIdleConns", "maxActiveConns");
        r.notSupportedYet("tls");
        r.finish();
        return redis;
    }

    private MiddlewareConfig.Source source(OptionReader r) {
        Optional<Strategy> strategy = r.section("ipStrategy").map(MiddlewareBinder::strategy);
        String header = r.string("requestHeaderName").orElse("").trim();
        boolean host = r.bool("requestHost").orElse(false);
        int criteria = (strategy.isPresent() ? 1 : 0) + (header.isEmpty() ? 0 : 1) + (host ? 1 : 0);
        if (criteria > 1) {
            r.problem(r.origin(), r.path(), "ipStrategy, requestHeaderName and requestHost are mutually exclusive");
        }
        r.finish();
        Strategy s = strategy.orElse(Strategy.NONE);
        return new MiddlewareConfig.Source(s.depth(), s.excludedIps(), s.ipv6Subnet(), header, host);
    }

    /** The options of an {@code ipStrategy} section. */
    private record Strategy(int depth, List<String> excludedIps, int ipv6Subnet) {
        static final Strategy NONE = new Strategy(0, List.of(), 0);
    }

    private static Strategy strategy(OptionReader s) {
        int depth = s.smallInteger("depth").orElse(0);
        int ipv6Subnet = s.smallInteger("ipv6Subnet").orElse(0);
        List<OptionReader.Item> excluded = s.strings("excludedIPs").orElse(List.of());
        excluded.forEach(item -> range(s, item));
        if (depth < 0) {
            s.problem(s.node("depth").get().origin(), s.key("depth"), "depth must not be negative");
        }
        if (ipv6Subnet < 0 || ipv6Subnet > 128) {
            s.problem(s.node("ipv6Subnet").get().origin(), s.key("ipv6Subnet"), "ipv6Subnet must be between 0 and 128");
        }
        s.finish();
        return new Strategy(depth, OptionReader.values(excluded), ipv6Subnet);
    }

    private MiddlewareConfig forwardAuth(OptionReader r) {
        String address = required(r, "address").trim();
        if (!address.isEmpty()) {
            try {
                URI uri = new URI(address);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new URISyntaxException(address, "not an absolute http or https URL with a host");
                }
            } catch (URISyntaxException e) {
                r.problem(r.node("address").get().origin(), r.key("address"),
                        "address must be an absolute http or https URL, got \"" + address + "\"");
            }
        }
        String regex = r.string("authResponseHeadersRegex").orElse("").trim();
        if (!regex.isEmpty()) {
            regex(r, regex, r.node("authResponseHeadersRegex").get().origin(), r.key("authResponseHeadersRegex"));
        }
        MiddlewareConfig.ForwardAuth config = new MiddlewareConfig.ForwardAuth(name, middleware.origin(), address,
                r.bool("trustForwardHeader").orElse(false), list(r, "authResponseHeaders"), regex,
                list(r, "authRequestHeaders"), list(r, "addAuthCookiesToResponse"),
                r.bool("preserveLocationHeader").orElse(false), r.bool("preserveRequestMethod").orElse(false));
        r.bool("forwardBody").filter(Boolean::booleanValue).ifPresent(on -> r.problem(
                r.node("forwardBody").get().origin(), r.key("forwardBody"), "not supported yet by Junction"));
        r.ignore("maxBodySize");
        r.notSupportedYet("tls", "headerField", "maxResponseBodySize", "authSigninURL");
        return config;
    }

    private MiddlewareConfig inFlightReq(OptionReader r) {
        long amount = r.integer("amount").orElse(0L);
        if (amount <= 0 || amount > Integer.MAX_VALUE) {
            r.problem(r.node("amount").map(ConfigNode::origin).orElse(r.origin()), r.key("amount"),
                    "amount must be a positive number of requests");
        }
        MiddlewareConfig.Source source = r.section("sourceCriterion").map(this::source)
                .filter(s -> !s.equals(MiddlewareConfig.Source.CLIENT_ADDRESS))
                .orElse(MiddlewareConfig.InFlightReq.REQUEST_HOST);
        return new MiddlewareConfig.InFlightReq(name, middleware.origin(), (int) Math.min(amount, Integer.MAX_VALUE),
                source);
    }

    private MiddlewareConfig encodedCharacters(OptionReader r) {
        return new MiddlewareConfig.EncodedCharacters(name, middleware.origin(),
                r.bool("allowEncodedSlash").orElse(false), r.bool("allowEncodedBackSlash").orElse(false),
                r.bool("allowEncodedNullCharacter").orElse(false), r.bool("allowEncodedSemicolon").orElse(false),
                r.bool("allowEncodedPercent").orElse(false), r.bool("allowEncodedQuestionMark").orElse(false),
                r.bool("allowEncodedHash").orElse(false));
    }

    private MiddlewareConfig retry(OptionReader r) {
        long attempts = r.integer("attempts").orElse(0L);
        if (attempts <= 0 || attempts > 1000) {
            r.problem(r.node("attempts").map(ConfigNode::origin).orElse(r.origin()), r.key("attempts"),
                    "attempts must be between 1 and 1000");
        }
        Duration initial = notNegative(r, "initialInterval");
        Duration timeout = notNegative(r, "timeout");
        List<StatusRange> status = statusRanges(r, "status");
        r.node("maxRequestBodyBytes").ifPresent(n -> r.problem(n.origin(), r.key("maxRequestBodyBytes"),
                "not supported yet by Junction: requests with a body are sent once, never retried"));
        return new MiddlewareConfig.Retry(name, middleware.origin(), (int) Math.max(0, Math.min(attempts, 1000)),
                initial, timeout, status, r.bool("disableRetryOnNetworkError").orElse(false),
                r.bool("retryNonIdempotentMethod").orElse(false));
    }


    private MiddlewareConfig errors(OptionReader r) {
        List<StatusRange> status = statusRanges(r, "status");
        if (status.isEmpty()) {
            r.problem(r.node("status").map(ConfigNode::origin).orElse(r.origin()), r.key("status"),
                    "errors needs at least one status or range to catch");
        }
        String service = required(r, "service").trim();
        String query = r.string("query").orElse("").trim();
        Map<StatusRange, Integer> rewrites = new LinkedHashMap<>();
        r.objects("statusRewrites").forEach((from, to) -> {
            String key = r.key("statusRewrites") + "." + from;
            StatusRange range = StatusRange.parse(from);
            Integer code = to instanceof ScalarNode scalar ? parseStatus(scalar.text()) : null;
            if (range == null || code == null) {
                r.problem(to.origin(), key, "expected a status or range mapped to a status, such as 500-503: 500");
            } else {
                rewrites.put(range, code);
            }
        });
        r.notSupportedYet("errorRequestHeaders");
        return new MiddlewareConfig.Errors(name, middleware.origin(), status, rewrites, service, query);
    }

    private static Integer parseStatus(String text) {
        try {
            int code = Integer.parseInt(text.trim());
            return code >= 100 && code <= 599 ? code : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A list of statuses and ranges ({@code 404}, {@code 500-599}); an item may hold several ({@code "404,418"}). */
    private static List<StatusRange> statusRanges(OptionReader r, String option) {
        List<StatusRange> ranges = new ArrayList<>();
        for (OptionReader.Item item : r.strings(option).orElse(List.of())) {
            for (String part : item.value().split(",")) {
                StatusRange range = StatusRange.parse(part);
                if (range == null) {
                    r.problem(item.origin(), item.key(), "expected a status or a range such as \"500-599\", got \""
                            + item.value() + "\"");
                    break;
                }
                ranges.add(range);
            }
        }
        return ranges;
    }

    private MiddlewareConfig compress(OptionReader r) {
        List<String> encodings = r.strings("encodings").map(OptionReader::values)
                .orElse(MiddlewareConfig.Compress.DEFAULT_ENCODINGS);
        List<String> excluded = list(r, "excludedContentTypes");
        List<String> included = list(r, "includedContentTypes");
        if (!excluded.isEmpty() && !included.isEmpty()) {
            r.problem(r.node("includedContentTypes").get().origin(), r.key("includedContentTypes"),
                    "excludedContentTypes and includedContentTypes are mutually exclusive");
        }
        long min = r.integer("minResponseBodyBytes").orElse(MiddlewareConfig.Compress.DEFAULT_MIN_BYTES);
        if (min < 0) {
            r.problem(r.node("minResponseBodyBytes").get().origin(), r.key("minResponseBodyBytes"),
                    "minResponseBodyBytes must not be negative");
        }
        String defaultEncoding = r.string("defaultEncoding").orElse("").trim();
        if (!defaultEncoding.isEmpty() && encodings.stream().noneMatch(defaultEncoding::equalsIgnoreCase)) {
            r.problem(r.node("defaultEncoding").get().origin(), r.key("defaultEncoding"),
                    "defaultEncoding \"" + defaultEncoding + "\" is not one of the encodings " + encodings);
        }
        return new MiddlewareConfig.Compress(name, middleware.origin(), encodings, excluded, included, min,
                defaultEncoding);
    }

    private MiddlewareConfig circuitBreaker(OptionReader r) {
        String expression = required(r, "expression").trim();
        if (!expression.isEmpty()) {
            try {
                CircuitBreaker.check(expression);
            } catch (IllegalArgumentException e) {
                r.problem(r.node("expression").get().origin(), r.key("expression"), e.getMessage());
            }
        }
        int code = r.smallInteger("responseCode").orElse(503);
        if (code < 100 || code > 599) {
            r.problem(r.node("responseCode").get().origin(), r.key("responseCode"),
                    "responseCode must be an HTTP status (100-599), got " + code);
        }
        return new MiddlewareConfig.CircuitBreaker(name, middleware.origin(), expression,
                positive(r, "checkPeriod", Duration.ofMillis(100)), positive(r, "fallbackDuration", Duration.ofSeconds(10)),
                positive(r, "recoveryDuration", Duration.ofSeconds(10)), code);
    }

    private static Duration notNegative(OptionReader r, String option) {
        Duration d = r.duration(option).orElse(Duration.ZERO);
        if (d.isNegative()) {
            r.problem(r.node(option).get().origin(), r.key(option), option + " must not be negative");
            return Duration.ZERO;
        }
        return d;
    }

    private static Duration positive(OptionReader r, String option, Duration fallback) {
        Duration d = r.duration(option).orElse(fallback);
        if (d.isNegative() || d.isZero()) {
            r.problem(r.node(option).get().origin(), r.key(option), option + " must be positive");
            return fallback;
        }
        return d;
    }

    private MiddlewareConfig digestAuth(OptionReader r) {
        List<String> users = list(r, "users");
        String usersFile = r.string("usersFile").orElse("").trim();
        if (users.isEmpty() && usersFile.isEmpty()) {
            r.problem(node.origin(), key, "digestAuth needs users or a usersFile");
        }
        return new MiddlewareConfig.DigestAuth(name, middleware.origin(), users, usersFile,
                r.string("realm").orElse(MiddlewareConfig.BasicAuth.DEFAULT_REALM),
                r.string("headerField").orElse("").trim(), r.bool("removeHeader").orElse(false));
    }

    private MiddlewareConfig contentType(OptionReader r) {
        r.ignore("autoDetect");
        return new MiddlewareConfig.ContentType(name, middleware.origin());
    }

    private MiddlewareConfig buffering(OptionReader r) {
        long maxRequest = bytes(r, "maxRequestBodyBytes", 0);
        long memRequest = bytes(r, "memRequestBodyBytes", MiddlewareConfig.Buffering.DEFAULT_MEMORY);
        long maxResponse = bytes(r, "maxResponseBodyBytes", 0);
        long memResponse = bytes(r, "memResponseBodyBytes", MiddlewareConfig.Buffering.DEFAULT_MEMORY);
        r.notSupportedYet("retryExpression");
        return new MiddlewareConfig.Buffering(name, middleware.origin(), maxRequest, memRequest, maxResponse,
                memResponse);
    }

    private static long bytes(OptionReader r, String option, long fallback) {
        long value = r.integer(option).orElse(fallback);
        if (value < 0) {
            r.problem(r.node(option).get().origin(), r.key(option), option + " must not be negative");
            return fallback;
        }
        return value;
    }

    private MiddlewareConfig chain(OptionReader r) {
        List<String> members = r.strings("middlewares").map(OptionReader::values).orElse(List.of());
        if (members.isEmpty()) {
            r.problem(node.origin(), r.key("middlewares"), "a chain needs at least one middleware");
        }
        return new MiddlewareConfig.Chain(name, middleware.origin(), members);
    }

    private static String required(OptionReader r, String option) {
        Optional<String> value = r.string(option);
        if (value.isEmpty() || value.get().isBlank()) {
            r.problem(r.node(option).map(ConfigNode::origin).orElse(r.origin()), r.key(option),
                    option + " is required");
            return "";
        }
        return value.get();
    }

    private static List<String> list(OptionReader r, String option) {
        return r.strings(option).map(OptionReader::values).orElse(List.of());
    }

    private static Map<String, String> stringMap(OptionReader r, String option) {
        Map<String, String> values = new LinkedHashMap<>();
        r.objects(option).forEach((header, value) -> {
            if (value instanceof ScalarNode scalar) {
                values.put(header, scalar.text());
            } else {
                r.problem(value.origin(), r.key(option) + "." + header, OptionReader.expected("a string", value));
            }
        });
        return values;
    }

    private static void regex(OptionReader r, String expression, Origin origin, String key) {
        try {
            GoRegex.compile(expression);
        } catch (PatternSyntaxException e) {
            r.problem(origin, key, "invalid regular expression \"" + expression + "\": " + e.getDescription());
        }
    }

    private static void range(OptionReader r, OptionReader.Item item) {
        try {
            IpRange.parse(item.value());
        } catch (IllegalArgumentException e) {
            r.problem(item.origin(), item.key(), e.getMessage());
        }
    }
}

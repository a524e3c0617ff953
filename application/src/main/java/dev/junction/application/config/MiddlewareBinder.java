package dev.junction.application.config;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.statics.ClientCertificate;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.ConfigNode.ScalarNode;
import dev.junction.domain.http.StatusRange;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one middleware definition of every type but basicAuth (which {@link DynamicConfigBinder} reads): its
 * options, their defaults, and every check that can be made without building it; the traffic family is read by
 * {@link TrafficMiddlewareBinder}. Expressions, address ranges,
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
        TrafficMiddlewareBinder traffic = new TrafficMiddlewareBinder(name, middleware.origin());
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
            case "ratelimit" -> traffic::rateLimit;
            case "forwardauth" -> this::forwardAuth;
            case "inflightreq" -> traffic::inFlightReq;
            case "encodedcharacters" -> this::encodedCharacters;
            case "retry" -> traffic::retry;
            case "errors" -> this::errors;
            case "compress" -> this::compress;
            case "circuitbreaker" -> traffic::circuitBreaker;
            case "digestauth" -> this::digestAuth;
            case "contenttype" -> this::contentType;
            case "grpcweb" -> this::grpcWeb;
            case "buffering" -> traffic::buffering;
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
        String prefix = r.required("prefix");
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
        items.forEach(item -> r.checkRegex(item.value(), item.origin(), item.key()));
        if (items.isEmpty()) {
            r.problem(node.origin(), r.key("regex"), "stripPrefixRegex needs at least one regex");
        }
        return new MiddlewareConfig.StripPrefixRegex(name, middleware.origin(), OptionReader.values(items));
    }

    private MiddlewareConfig replacePath(OptionReader r) {
        String path = r.required("path");
        return new MiddlewareConfig.ReplacePath(name, middleware.origin(), path);
    }

    private MiddlewareConfig replacePathRegex(OptionReader r) {
        String regex = r.required("regex").trim();
        String replacement = r.string("replacement").orElse("").trim();
        r.node("regex").ifPresent(n -> r.checkRegex(regex, n.origin(), r.key("regex")));
        return new MiddlewareConfig.ReplacePathRegex(name, middleware.origin(), regex, replacement);
    }

    private MiddlewareConfig redirectScheme(OptionReader r) {
        String scheme = r.required("scheme").trim();
        String port = r.string("port").orElse("").trim();
        boolean permanent = r.bool("permanent").orElse(false);
        if (!port.isEmpty() && !port.chars().allMatch(Character::isDigit)) {
            r.problem(r.node("port").get().origin(), r.key("port"), "port must be a number, got \"" + port + "\"");
        }
        return new MiddlewareConfig.RedirectScheme(name, middleware.origin(), scheme, port, permanent);
    }

    private MiddlewareConfig redirectRegex(OptionReader r) {
        String regex = r.required("regex");
        String replacement = r.required("replacement");
        boolean permanent = r.bool("permanent").orElse(false);
        r.node("regex").ifPresent(n -> r.checkRegex(regex, n.origin(), r.key("regex")));
        return new MiddlewareConfig.RedirectRegex(name, middleware.origin(), regex, replacement, permanent);
    }

    private MiddlewareConfig headers(OptionReader r) {
        Map<String, String> request = r.stringMap("customRequestHeaders");
        Map<String, String> response = r.stringMap("customResponseHeaders");
        List<OptionReader.Item> originRegex = r.strings("accessControlAllowOriginListRegex").orElse(List.of());
        originRegex.forEach(item -> r.checkRegex(item.value(), item.origin(), item.key()));
        var cors = new MiddlewareConfig.Headers.Cors(
                r.bool("accessControlAllowCredentials").orElse(false),
                r.list("accessControlAllowHeaders"),
                r.list("accessControlAllowMethods"),
                r.list("accessControlAllowOriginList"),
                OptionReader.values(originRegex),
                r.list("accessControlExposeHeaders"),
                r.integer("accessControlMaxAge").orElse(0L),
                r.bool("addVaryHeader").orElse(false));
        var security = new MiddlewareConfig.Headers.Security(
                r.list("allowedHosts"),
                r.list("hostsProxyHeaders"),
                r.stringMap("sslProxyHeaders"),
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
        ranges.forEach(item -> r.checkRange(item));
        if (ranges.isEmpty()) {
            r.problem(node.origin(), r.key("sourceRange"), "ipAllowList needs a sourceRange");
        }
        TrafficMiddlewareBinder.Strategy strategy = r.section("ipStrategy").map(TrafficMiddlewareBinder::strategy)
                .orElse(TrafficMiddlewareBinder.Strategy.NONE);
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

    private MiddlewareConfig forwardAuth(OptionReader r) {
        String address = r.required("address").trim();
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
            r.checkRegex(regex, r.node("authResponseHeadersRegex").get().origin(), r.key("authResponseHeadersRegex"));
        }
        long maxBodySize = r.integer("maxBodySize").orElse(-1L);
        if (maxBodySize < -1 || maxBodySize == 0) {
            r.problem(r.node("maxBodySize").get().origin(), r.key("maxBodySize"),
                    "maxBodySize must be a positive number of bytes, or -1 for no limit");
        }
        long maxResponseBodySize = r.integer("maxResponseBodySize").orElse(-1L);
        if (maxResponseBodySize < -1) {
            r.problem(r.node("maxResponseBodySize").get().origin(), r.key("maxResponseBodySize"),
                    "maxResponseBodySize must be a number of bytes, or -1 for no limit");
        }
        String signIn = r.string("authSigninURL").orElse("").trim();
        r.string("headerField");
        MiddlewareConfig.ForwardAuth config = new MiddlewareConfig.ForwardAuth(name, middleware.origin(), address,
                r.bool("trustForwardHeader").orElse(false), r.list("authResponseHeaders"), regex,
                r.list("authRequestHeaders"), r.list("addAuthCookiesToResponse"),
                r.bool("preserveLocationHeader").orElse(false), r.bool("preserveRequestMethod").orElse(false),
                r.bool("forwardBody").orElse(false), maxBodySize, maxResponseBodySize, signIn,
                r.section("tls").map(MiddlewareBinder::clientTls));
        return config;
    }

    /**
     * A {@code tls} block of a client Junction runs on a middleware's behalf: {@code ca}, {@code cert} with
     * {@code key}, {@code insecureSkipVerify}; {@code caOptional} is accepted and ignored, as Traefik v3 does.
     */
    static ClientTls clientTls(OptionReader r) {
        String ca = r.string("ca").orElse("").trim();
        String cert = r.string("cert").orElse("").trim();
        String key = r.string("key").orElse("").trim();
        if (cert.isEmpty() != key.isEmpty()) {
            String missing = cert.isEmpty() ? "cert" : "key";
            r.problem(r.origin(), r.key(missing), "cert and key go together: " + missing + " is missing");
        }
        boolean insecure = r.bool("insecureSkipVerify").orElse(false);
        r.ignore("caOptional");
        r.finish();
        return new ClientTls(ca, cert.isEmpty() || key.isEmpty() ? Optional.empty()
                : Optional.of(new ClientCertificate(cert, key)), insecure);
    }

    private MiddlewareConfig encodedCharacters(OptionReader r) {
        return new MiddlewareConfig.EncodedCharacters(name, middleware.origin(),
                r.bool("allowEncodedSlash").orElse(false), r.bool("allowEncodedBackSlash").orElse(false),
                r.bool("allowEncodedNullCharacter").orElse(false), r.bool("allowEncodedSemicolon").orElse(false),
                r.bool("allowEncodedPercent").orElse(false), r.bool("allowEncodedQuestionMark").orElse(false),
                r.bool("allowEncodedHash").orElse(false));
    }


    private MiddlewareConfig errors(OptionReader r) {
        List<StatusRange> status = r.statusRanges("status");
        if (status.isEmpty()) {
            r.problem(r.node("status").map(ConfigNode::origin).orElse(r.origin()), r.key("status"),
                    "errors needs at least one status or range to catch");
        }
        String service = r.required("service").trim();
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
        Optional<List<String>> pageHeaders = r.node("errorRequestHeaders").map(n -> r.list("errorRequestHeaders"));
        return new MiddlewareConfig.Errors(name, middleware.origin(), status, rewrites, service, query, pageHeaders);
    }

    private static Integer parseStatus(String text) {
        try {
            int code = Integer.parseInt(text.trim());
            return code >= 100 && code <= 599 ? code : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private MiddlewareConfig compress(OptionReader r) {
        List<String> encodings = r.strings("encodings").map(OptionReader::values)
                .orElse(MiddlewareConfig.Compress.DEFAULT_ENCODINGS);
        List<String> excluded = r.list("excludedContentTypes");
        List<String> included = r.list("includedContentTypes");
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

    private MiddlewareConfig digestAuth(OptionReader r) {
        List<String> users = r.list("users");
        String usersFile = r.string("usersFile").orElse("").trim();
        if (users.isEmpty() && usersFile.isEmpty()) {
            r.problem(node.origin(), key, "digestAuth needs users or a usersFile");
        }
        return new MiddlewareConfig.DigestAuth(name, middleware.origin(), users, usersFile,
                r.string("realm").orElse(MiddlewareConfig.BasicAuth.DEFAULT_REALM),
                r.string("headerField").orElse("").trim(), r.bool("removeHeader").orElse(false));
    }

    private MiddlewareConfig grpcWeb(OptionReader r) {
        return new MiddlewareConfig.GrpcWeb(name, middleware.origin(), r.list("allowOrigins").stream()
                .map(String::trim).toList());
    }

    private MiddlewareConfig contentType(OptionReader r) {
        r.ignore("autoDetect");
        return new MiddlewareConfig.ContentType(name, middleware.origin());
    }

    private MiddlewareConfig chain(OptionReader r) {
        List<String> members = r.strings("middlewares").map(OptionReader::values).orElse(List.of());
        if (members.isEmpty()) {
            r.problem(node.origin(), r.key("middlewares"), "a chain needs at least one middleware");
        }
        return new MiddlewareConfig.Chain(name, middleware.origin(), members);
    }

}

package dev.junction.domain.config.dynamic;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.http.StatusRange;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A middleware definition as written; exactly one type per definition, as in Traefik. */
public sealed interface MiddlewareConfig permits MiddlewareConfig.BasicAuth, MiddlewareConfig.AddPrefix,
        MiddlewareConfig.StripPrefix, MiddlewareConfig.StripPrefixRegex, MiddlewareConfig.ReplacePath,
        MiddlewareConfig.ReplacePathRegex, MiddlewareConfig.RedirectScheme, MiddlewareConfig.RedirectRegex,
        MiddlewareConfig.Headers, MiddlewareConfig.IpAllowList, MiddlewareConfig.RateLimit, MiddlewareConfig.ForwardAuth,
        MiddlewareConfig.InFlightReq, MiddlewareConfig.EncodedCharacters, MiddlewareConfig.Retry,
        MiddlewareConfig.Errors, MiddlewareConfig.Compress, MiddlewareConfig.CircuitBreaker,
        MiddlewareConfig.DigestAuth, MiddlewareConfig.ContentType, MiddlewareConfig.Buffering,
        MiddlewareConfig.GrpcWeb, MiddlewareConfig.Chain,
        MiddlewareConfig.Invalid {

    String name();

    Origin origin();

    /** {@code basicAuth}: users as {@code name:hash}, optionally from a file; realm defaults to "traefik". */
    record BasicAuth(String name, Origin origin, List<String> users, String usersFile, String realm,
                     String headerField, boolean removeHeader) implements MiddlewareConfig {
        public static final String DEFAULT_REALM = "traefik";

        public BasicAuth {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            users = List.copyOf(users);
            Objects.requireNonNull(usersFile, "usersFile");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(headerField, "headerField");
        }
    }

    /** {@code addPrefix}: the prefix put in front of the forwarded path. */
    record AddPrefix(String name, Origin origin, String prefix) implements MiddlewareConfig {
    }

    /** {@code stripPrefix}: plain string prefixes, tried in order. */
    record StripPrefix(String name, Origin origin, List<String> prefixes) implements MiddlewareConfig {
        public StripPrefix {
            prefixes = List.copyOf(prefixes);
        }
    }

    /** {@code stripPrefixRegex}: expressions (Go syntax), tried in order. */
    record StripPrefixRegex(String name, Origin origin, List<String> regex) implements MiddlewareConfig {
        public StripPrefixRegex {
            regex = List.copyOf(regex);
        }
    }

    /** {@code replacePath}: the escaped path forwarded instead of the request's. */
    record ReplacePath(String name, Origin origin, String path) implements MiddlewareConfig {
    }

    /** {@code replacePathRegex}: an expression on the escaped path and its Go-syntax replacement. */
    record ReplacePathRegex(String name, Origin origin, String regex, String replacement) implements MiddlewareConfig {
    }

    /** {@code redirectScheme}: target scheme, optional port, 301/308 instead of 302/307 when permanent. */
    record RedirectScheme(String name, Origin origin, String scheme, String port, boolean permanent)
            implements MiddlewareConfig {
    }

    /** {@code redirectRegex}: an expression on the client's URL and the Go-syntax replacement to redirect to. */
    record RedirectRegex(String name, Origin origin, String regex, String replacement, boolean permanent)
            implements MiddlewareConfig {
    }

    /**
     * {@code headers}: custom request and response headers (an empty value deletes), CORS, and the security
     * headers Traefik still honours.
     */
    record Headers(String name, Origin origin, Map<String, String> customRequestHeaders,
                   Map<String, String> customResponseHeaders, Cors cors, Security security)
            implements MiddlewareConfig {
        public Headers {
            customRequestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(customRequestHeaders));
            customResponseHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(customResponseHeaders));
            Objects.requireNonNull(cors, "cors");
            Objects.requireNonNull(security, "security");
        }

        /** The {@code accessControl*} and {@code addVaryHeader} options. */
        public record Cors(boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                           List<String> allowOriginList, List<String> allowOriginListRegex,
                           List<String> exposeHeaders, long maxAge, boolean addVaryHeader) {
            public Cors {
                allowHeaders = List.copyOf(allowHeaders);
                allowMethods = List.copyOf(allowMethods);
                allowOriginList = List.copyOf(allowOriginList);
                allowOriginListRegex = List.copyOf(allowOriginListRegex);
                exposeHeaders = List.copyOf(exposeHeaders);
            }

            public boolean isSet() {
                return allowCredentials || !allowHeaders.isEmpty() || !allowMethods.isEmpty()
                        || !allowOriginList.isEmpty() || !allowOriginListRegex.isEmpty() || !exposeHeaders.isEmpty()
                        || maxAge != 0 || addVaryHeader;
            }
        }

        /** The security options (Traefik's {@code unrolled/secure} set). */
        public record Security(List<String> allowedHosts, List<String> hostsProxyHeaders,
                               Map<String, String> sslProxyHeaders, long stsSeconds, boolean stsIncludeSubdomains,
                               boolean stsPreload, boolean forceStsHeader, boolean frameDeny,
                               String customFrameOptionsValue, boolean contentTypeNosniff, boolean browserXssFilter,
                               String customBrowserXssValue, String contentSecurityPolicy,
                               String contentSecurityPolicyReportOnly, String publicKey, String referrerPolicy,
                               String permissionsPolicy, boolean isDevelopment) {
            public Security {
                allowedHosts = List.copyOf(allowedHosts);
                hostsProxyHeaders = List.copyOf(hostsProxyHeaders);
                sslProxyHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(sslProxyHeaders));
            }

            public boolean isSet() {
                return !allowedHosts.isEmpty() || !hostsProxyHeaders.isEmpty() || !sslProxyHeaders.isEmpty()
                        || stsSeconds != 0 || stsIncludeSubdomains || stsPreload || forceStsHeader || frameDeny
                        || !customFrameOptionsValue.isEmpty() || contentTypeNosniff || browserXssFilter
                        || !customBrowserXssValue.isEmpty() || !contentSecurityPolicy.isEmpty()
                        || !contentSecurityPolicyReportOnly.isEmpty() || !publicKey.isEmpty()
                        || !referrerPolicy.isEmpty() || !permissionsPolicy.isEmpty() || isDevelopment;
            }
        }
    }

    /**
     * {@code ipAllowList}: the ranges let in, how the client address is picked, and the status of a refusal.
     *
     * @param depth       {@code ipStrategy.depth}, 0 for none
     * @param excludedIps {@code ipStrategy.excludedIPs}
     * @param ipv6Subnet  {@code ipStrategy.ipv6Subnet}, 0 for none
     */
    record IpAllowList(String name, Origin origin, List<String> sourceRange, int depth, List<String> excludedIps,
                       int ipv6Subnet, int rejectStatusCode) implements MiddlewareConfig {
        public static final int DEFAULT_REJECT_STATUS = 403;

        public IpAllowList {
            sourceRange = List.copyOf(sourceRange);
            excludedIps = List.copyOf(excludedIps);
        }
    }

    /**
     * {@code rateLimit}: {@code average} requests per {@code period} (0 = no limit), bursts of {@code burst}, counted
     * per {@code source}.
     */
    record RateLimit(String name, Origin origin, long average, Duration period, long burst, Source source,
                     Optional<Redis> redis) implements MiddlewareConfig {
        public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

        public RateLimit {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(redis, "redis");
        }
    }

    /**
     * {@code rateLimit.redis}: where the shared buckets live.
     *
     * @param endpoints {@code host:port}, the first is used
     */
    record Redis(List<String> endpoints, String username, String password, int db, Duration dialTimeout,
                 Duration readTimeout, Duration writeTimeout, Optional<ClientTls> tls) {
        public static final List<String> DEFAULT_ENDPOINTS = List.of("localhost:6379");

        public Redis {
            endpoints = List.copyOf(endpoints);
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(dialTimeout, "dialTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(writeTimeout, "writeTimeout");
            Objects.requireNonNull(tls, "tls");
        }

        @Override
        public String toString() {
            return "Redis" + endpoints + " db " + db + (username.isEmpty() ? "" : " user " + username)
                    + (tls.isPresent() ? " over TLS" : "");
        }
    }

    /**
     * A {@code sourceCriterion}: at most one of an {@code ipStrategy}, {@code requestHeaderName} or
     * {@code requestHost}; with none, the client address.
     *
     * @param requestHeaderName "" when not grouping by header
     */
    record Source(int depth, List<String> excludedIps, int ipv6Subnet, String requestHeaderName,
                  boolean requestHost) {
        public static final Source CLIENT_ADDRESS = new Source(0, List.of(), 0, "", false);

        public Source {
            excludedIps = List.copyOf(excludedIps);
            Objects.requireNonNull(requestHeaderName, "requestHeaderName");
        }
    }

    /**
     * {@code forwardAuth}: the auth server's address and what passes between it, the client and the backend.
     *
     * @param authResponseHeadersRegex "" for none
     * @param maxBodySize              the largest body sent along with {@code forwardBody}; -1 for no limit
     */
    record ForwardAuth(String name, Origin origin, String address, boolean trustForwardHeader,
                       List<String> authResponseHeaders, String authResponseHeadersRegex,
                       List<String> authRequestHeaders, List<String> addAuthCookiesToResponse,
                       boolean preserveLocationHeader, boolean preserveRequestMethod, boolean forwardBody,
                       long maxBodySize, long maxResponseBodySize, String authSigninUrl, Optional<ClientTls> tls)
            implements MiddlewareConfig {
        public ForwardAuth {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(authSigninUrl, "authSigninUrl");
            authResponseHeaders = List.copyOf(authResponseHeaders);
            Objects.requireNonNull(authResponseHeadersRegex, "authResponseHeadersRegex");
            authRequestHeaders = List.copyOf(authRequestHeaders);
            addAuthCookiesToResponse = List.copyOf(addAuthCookiesToResponse);
        }
    }

    /** {@code inFlightReq}: at most {@code amount} requests at once per source (by default the request host). */
    record InFlightReq(String name, Origin origin, int amount, Source source) implements MiddlewareConfig {
        public static final Source REQUEST_HOST = new Source(0, List.of(), 0, "", true);

        public InFlightReq {
            Objects.requireNonNull(source, "source");
        }
    }

    /** {@code encodedCharacters}: which escapes may appear in the path; all are refused by default. */
    record EncodedCharacters(String name, Origin origin, boolean allowEncodedSlash, boolean allowEncodedBackSlash,
                             boolean allowEncodedNullCharacter, boolean allowEncodedSemicolon,
                             boolean allowEncodedPercent, boolean allowEncodedQuestionMark,
                             boolean allowEncodedHash) implements MiddlewareConfig {
    }

    /**
     * {@code retry}: how many attempts in all, the first wait, the overall time limit (zero for none), and which
     * statuses call for another attempt.
     */
    record Retry(String name, Origin origin, int attempts, Duration initialInterval, Duration timeout,
                 List<StatusRange> status, boolean disableRetryOnNetworkError, boolean retryNonIdempotentMethod,
                 long maxRequestBodyBytes) implements MiddlewareConfig {
        public Retry {
            Objects.requireNonNull(initialInterval, "initialInterval");
            Objects.requireNonNull(timeout, "timeout");
            status = List.copyOf(status);
        }
    }

    /**
     * {@code errors}: the statuses caught, their rewrites, and where the page comes from.
     *
     * @param service a service reference, {@code name} or {@code name@provider}
     */
    record Errors(String name, Origin origin, List<StatusRange> status, Map<StatusRange, Integer> statusRewrites,
                  String service, String query, Optional<List<String>> errorRequestHeaders)
            implements MiddlewareConfig {
        public Errors {
            errorRequestHeaders = errorRequestHeaders.map(List::copyOf);
            status = List.copyOf(status);
            statusRewrites = Collections.unmodifiableMap(new LinkedHashMap<>(statusRewrites));
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(query, "query");
        }
    }

    /** {@code compress}: preferred encodings in order, which content types, from what size, and a default. */
    record Compress(String name, Origin origin, List<String> encodings, List<String> excludedContentTypes,
                    List<String> includedContentTypes, long minResponseBodyBytes, String defaultEncoding)
            implements MiddlewareConfig {
        public static final List<String> DEFAULT_ENCODINGS = List.of("gzip", "br", "zstd");
        public static final long DEFAULT_MIN_BYTES = 1024;

        public Compress {
            encodings = List.copyOf(encodings);
            excludedContentTypes = List.copyOf(excludedContentTypes);
            includedContentTypes = List.copyOf(includedContentTypes);
            Objects.requireNonNull(defaultEncoding, "defaultEncoding");
        }
    }

    /** {@code circuitBreaker}: the condition that opens it, and how long each state lasts. */
    record CircuitBreaker(String name, Origin origin, String expression, Duration checkPeriod,
                          Duration fallbackDuration, Duration recoveryDuration, int responseCode)
            implements MiddlewareConfig {
        public CircuitBreaker {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(checkPeriod, "checkPeriod");
            Objects.requireNonNull(fallbackDuration, "fallbackDuration");
            Objects.requireNonNull(recoveryDuration, "recoveryDuration");
        }
    }

    /** {@code digestAuth}: users as {@code user:realm:HA1}, optionally from a file; realm defaults to "traefik". */
    record DigestAuth(String name, Origin origin, List<String> users, String usersFile, String realm,
                      String headerField, boolean removeHeader) implements MiddlewareConfig {
        public DigestAuth {
            users = List.copyOf(users);
            Objects.requireNonNull(usersFile, "usersFile");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(headerField, "headerField");
        }
    }

    /** {@code grpcWeb}: the origins whose pages may call (exact, or {@code *}); none by default. */
    record GrpcWeb(String name, Origin origin, List<String> allowOrigins) implements MiddlewareConfig {
        public GrpcWeb {
            allowOrigins = List.copyOf(allowOrigins);
        }
    }

    /** {@code contentType}: sniff a {@code Content-Type} for answers that have none. */
    record ContentType(String name, Origin origin) implements MiddlewareConfig {
    }

    /**
     * {@code buffering}: the byte limits of the request and response bodies (0 = none) and of memory, and the oxy
     * expression that sends a request again (empty for never).
     */
    record Buffering(String name, Origin origin, long maxRequestBodyBytes, long memRequestBodyBytes,
                     long maxResponseBodyBytes, long memResponseBodyBytes, String retryExpression)
            implements MiddlewareConfig {
        public static final long DEFAULT_MEMORY = 1_048_576;
    }

    /** {@code chain}: other middlewares, applied in this order. */
    record Chain(String name, Origin origin, List<String> middlewares) implements MiddlewareConfig {
        public Chain {
            middlewares = List.copyOf(middlewares);
        }
    }

    /** A definition that could not be read; routers using it are disabled with these problems. */
    record Invalid(String name, Origin origin, List<ConfigProblem> problems) implements MiddlewareConfig {
        public Invalid {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            problems = List.copyOf(problems);
        }
    }
}

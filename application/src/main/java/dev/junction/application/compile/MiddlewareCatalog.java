package dev.junction.application.compile;

import dev.junction.application.auth.BasicAuthFactory;
import dev.junction.application.auth.DigestAuthFactory;
import dev.junction.application.port.out.EncodingsPort;
import dev.junction.application.port.out.SharedBucketsFactoryPort;
import dev.junction.domain.auth.PasswordHashes;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.middleware.buffering.Buffering;
import dev.junction.domain.middleware.circuitbreaker.CircuitBreaker;
import dev.junction.domain.middleware.compress.Compress;
import dev.junction.domain.middleware.contenttype.ContentType;
import dev.junction.domain.middleware.compress.Encoding;
import dev.junction.domain.middleware.compress.Gzip;
import dev.junction.domain.middleware.encoding.EncodedCharacters;
import dev.junction.domain.middleware.errors.Errors;
import dev.junction.domain.middleware.forwardauth.ForwardAuth;
import dev.junction.domain.middleware.grpcweb.GrpcWeb;
import dev.junction.domain.middleware.headers.Headers;
import dev.junction.domain.middleware.inflight.InFlightReq;
import dev.junction.domain.middleware.ipallow.IpAllowList;
import dev.junction.domain.middleware.ipallow.IpStrategy;
import dev.junction.domain.middleware.path.AddPrefix;
import dev.junction.domain.middleware.ratelimit.RateLimit;
import dev.junction.domain.middleware.ratelimit.RequestSource;
import dev.junction.domain.middleware.path.ReplacePath;
import dev.junction.domain.middleware.path.ReplacePathRegex;
import dev.junction.domain.middleware.path.StripPrefix;
import dev.junction.domain.middleware.path.StripPrefixRegex;
import dev.junction.domain.middleware.redirect.RedirectRegex;
import dev.junction.domain.middleware.retry.Retry;
import dev.junction.domain.middleware.redirect.RedirectScheme;
import dev.junction.domain.net.IpRange;
import dev.junction.domain.port.BodyBufferPort;
import dev.junction.domain.port.TimerPort;
import dev.junction.domain.text.GoRegex;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every middleware type Junction knows, built from its definition; an invalid definition throws its problems.
 * Chains are not built here: they name other middlewares, so the compiler expands them into their members.
 */
public final class MiddlewareCatalog implements MiddlewareFactory {
    private final BasicAuthFactory basicAuth;
    private final DigestAuthFactory digestAuth = new DigestAuthFactory();
    private final TimerPort timer;
    private final EncodingsPort codecs;
    private volatile List<Encoding> encodings;

    private final SharedBucketsFactoryPort sharedBuckets;

    private final BodyBufferPort buffers;

    public MiddlewareCatalog(PasswordHashes hashes, TimerPort timer, SharedBucketsFactoryPort sharedBuckets,
                             EncodingsPort codecs, BodyBufferPort buffers) {
        this.basicAuth = new BasicAuthFactory(Objects.requireNonNull(hashes, "hashes"));
        this.timer = Objects.requireNonNull(timer, "timer");
        this.sharedBuckets = Objects.requireNonNull(sharedBuckets, "sharedBuckets");
        this.codecs = Objects.requireNonNull(codecs, "codecs");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
    }

    @Override
    public Middleware create(MiddlewareConfig config, MiddlewareWiring wiring) {
        try {
            return build(config, wiring);
        } catch (IllegalArgumentException e) {
            String type = config.getClass().getSimpleName();
            throw new ConfigurationException(List.of(new ConfigProblem(config.origin(), "http.middlewares."
                    + config.name() + "." + Character.toLowerCase(type.charAt(0)) + type.substring(1),
                    e.getMessage())));
        }
    }

    private Middleware build(MiddlewareConfig config, MiddlewareWiring wiring) {
        if (config instanceof MiddlewareConfig.BasicAuth c) {
            return basicAuth.create(c);
        } else if (config instanceof MiddlewareConfig.AddPrefix c) {
            return new AddPrefix(c.prefix());
        } else if (config instanceof MiddlewareConfig.StripPrefix c) {
            return new StripPrefix(c.prefixes());
        } else if (config instanceof MiddlewareConfig.StripPrefixRegex c) {
            return new StripPrefixRegex(c.regex().stream().map(GoRegex::compile).toList());
        } else if (config instanceof MiddlewareConfig.ReplacePath c) {
            return new ReplacePath(c.path());
        } else if (config instanceof MiddlewareConfig.ReplacePathRegex c) {
            return new ReplacePathRegex(GoRegex.compile(c.regex()), c.replacement());
        } else if (config instanceof MiddlewareConfig.RedirectScheme c) {
            return new RedirectScheme(c.scheme(), c.port(), c.permanent());
        } else if (config instanceof MiddlewareConfig.RedirectRegex c) {
            return new RedirectRegex(GoRegex.compile(c.regex()), c.replacement(), c.permanent());
        } else if (config instanceof MiddlewareConfig.Headers c) {
            return new Headers(c);
        } else if (config instanceof MiddlewareConfig.IpAllowList c) {
            return new IpAllowList(c.sourceRange().stream().map(IpRange::parse).toList(),
                    new IpStrategy(c.depth(), c.excludedIps().stream().map(IpRange::parse).toList(), c.ipv6Subnet()),
                    c.rejectStatusCode());
        } else if (config instanceof MiddlewareConfig.RateLimit c) {
            if (c.redis().isPresent()) {
                return new RateLimit(c.average(), c.period(), c.burst(), source(c.source()), timer,
                        sharedBuckets.open(c.redis().get()), "junction:ratelimit:" + c.name() + ":");
            }
            return new RateLimit(c.average(), c.period(), c.burst(), source(c.source()), timer);
        } else if (config instanceof MiddlewareConfig.ForwardAuth c) {
            return new ForwardAuth(new ForwardAuth.Settings(URI.create(c.address()), c.trustForwardHeader(),
                    c.authResponseHeaders(), c.authResponseHeadersRegex().isEmpty() ? null
                    : GoRegex.compile(c.authResponseHeadersRegex()), c.authRequestHeaders(),
                    c.addAuthCookiesToResponse(), c.preserveLocationHeader(), c.preserveRequestMethod(),
                    c.forwardBody(), c.maxBodySize(), c.maxResponseBodySize(), c.authSigninUrl()),
                    c.tls().map(tls -> wiring.transports().withTls(tls)).orElseGet(wiring.transports()::standard),
                    timer, buffers);
        } else if (config instanceof MiddlewareConfig.InFlightReq c) {
            return new InFlightReq(c.amount(), source(c.source()));
        } else if (config instanceof MiddlewareConfig.EncodedCharacters c) {
            return new EncodedCharacters(new EncodedCharacters.Allowed(c.allowEncodedSlash(),
                    c.allowEncodedBackSlash(), c.allowEncodedNullCharacter(), c.allowEncodedSemicolon(),
                    c.allowEncodedPercent(), c.allowEncodedQuestionMark(), c.allowEncodedHash()));
        } else if (config instanceof MiddlewareConfig.Retry c) {
            return new Retry(new Retry.Settings(c.attempts(), c.initialInterval(), c.timeout(), c.status(),
                    c.disableRetryOnNetworkError(), c.retryNonIdempotentMethod(), c.maxRequestBodyBytes()), timer,
                    buffers);
        } else if (config instanceof MiddlewareConfig.Errors c) {
            HttpHandler service = wiring.service(c.service());
            if (service == null) {
                throw new IllegalArgumentException("the service \"" + c.service() + "\" does not exist or is in error");
            }
            return new Errors(c.status(), c.statusRewrites(), c.query(), c.errorRequestHeaders(), service);
        } else if (config instanceof MiddlewareConfig.Compress c) {
            return new Compress(new Compress.Settings(c.encodings(), Set.copyOf(c.excludedContentTypes()),
                    Set.copyOf(c.includedContentTypes()), c.minResponseBodyBytes(), c.defaultEncoding()), encodings());
        } else if (config instanceof MiddlewareConfig.CircuitBreaker c) {
            return new CircuitBreaker(new CircuitBreaker.Settings(c.expression(), c.checkPeriod(),
                    c.fallbackDuration(), c.recoveryDuration(), c.responseCode()), timer);
        } else if (config instanceof MiddlewareConfig.DigestAuth c) {
            return digestAuth.create(c);
        } else if (config instanceof MiddlewareConfig.ContentType) {
            return new ContentType();
        } else if (config instanceof MiddlewareConfig.Buffering c) {
            return new Buffering(new Buffering.Limits(c.maxRequestBodyBytes(), c.memRequestBodyBytes(),
                    c.maxResponseBodyBytes(), c.memResponseBodyBytes()), c.retryExpression(), buffers);
        } else if (config instanceof MiddlewareConfig.GrpcWeb c) {
            return new GrpcWeb(c.allowOrigins());
        } else if (config instanceof MiddlewareConfig.Chain c) {
            throw new IllegalStateException("chain " + c.name() + " is expanded by the compiler, not built");
        }
        throw new ConfigurationException(((MiddlewareConfig.Invalid) config).problems());
    }

    /** gzip and the codec libraries' encodings, loaded when a compress middleware first needs them. */
    private List<Encoding> encodings() {
        List<Encoding> loaded = encodings;
        if (loaded == null) {
            List<Encoding> all = new ArrayList<>();
            all.add(new Gzip());
            all.addAll(codecs.encodings());
            loaded = List.copyOf(all);
            encodings = loaded;
        }
        return loaded;
    }

    private static RequestSource source(MiddlewareConfig.Source s) {
        if (!s.requestHeaderName().isEmpty()) {
            return new RequestSource.RequestHeader(s.requestHeaderName());
        }
        if (s.requestHost()) {
            return new RequestSource.RequestHost();
        }
        return new RequestSource.ClientIp(new IpStrategy(s.depth(), s.excludedIps().stream().map(IpRange::parse)
                .toList(), s.ipv6Subnet()));
    }
}

package dev.junction.application.config;

import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.http.StatusRange;
import dev.junction.domain.middleware.buffering.Buffering;
import dev.junction.domain.middleware.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the traffic middlewares (rateLimit with its Redis store, inFlightReq, retry, circuitBreaker, buffering)
 * and the {@code sourceCriterion} and {@code ipStrategy} sections they share with ipAllowList. Problems go to the
 * reader, with file, line and key.
 */
final class TrafficMiddlewareBinder {
    private final String name;
    private final Origin origin;

    TrafficMiddlewareBinder(String name, Origin origin) {
        this.name = name;
        this.origin = origin;
    }

    MiddlewareConfig rateLimit(OptionReader r) {
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
        Optional<MiddlewareConfig.Redis> redis = r.section("redis").map(TrafficMiddlewareBinder::redis);
        return new MiddlewareConfig.RateLimit(name, origin, average, period, burst, source, redis);
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
        MiddlewareConfig.Redis redis = new MiddlewareConfig.Redis(
                endpoints.isEmpty() ? MiddlewareConfig.Redis.DEFAULT_ENDPOINTS : OptionReader.values(endpoints),
                r.string("username").orElse(""), r.string("password").orElse(""),
                r.smallInteger("db").orElse(0),
                r.positive("dialTimeout", Duration.ofSeconds(5)),
                r.positive("readTimeout", Duration.ofSeconds(3)),
                r.positive("writeTimeout", Duration.ofSeconds(3)),
                r.section("tls").map(MiddlewareBinder::clientTls));
        r.ignore("poolSize", "minIdleConns", "maxActiveConns");
        r.finish();
        return redis;
    }

    private MiddlewareConfig.Source source(OptionReader r) {
        Optional<Strategy> strategy = r.section("ipStrategy").map(TrafficMiddlewareBinder::strategy);
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
    record Strategy(int depth, List<String> excludedIps, int ipv6Subnet) {
        static final Strategy NONE = new Strategy(0, List.of(), 0);
    }

    static Strategy strategy(OptionReader s) {
        int depth = s.smallInteger("depth").orElse(0);
        int ipv6Subnet = s.smallInteger("ipv6Subnet").orElse(0);
        List<OptionReader.Item> excluded = s.strings("excludedIPs").orElse(List.of());
        excluded.forEach(item -> s.checkRange(item));
        if (depth < 0) {
            s.problem(s.node("depth").get().origin(), s.key("depth"), "depth must not be negative");
        }
        if (ipv6Subnet < 0 || ipv6Subnet > 128) {
            s.problem(s.node("ipv6Subnet").get().origin(), s.key("ipv6Subnet"), "ipv6Subnet must be between 0 and 128");
        }
        s.finish();
        return new Strategy(depth, OptionReader.values(excluded), ipv6Subnet);
    }

    MiddlewareConfig inFlightReq(OptionReader r) {
        long amount = r.integer("amount").orElse(0L);
        if (amount <= 0 || amount > Integer.MAX_VALUE) {
            r.problem(r.node("amount").map(ConfigNode::origin).orElse(r.origin()), r.key("amount"),
                    "amount must be a positive number of requests");
        }
        MiddlewareConfig.Source source = r.section("sourceCriterion").map(this::source)
                .filter(s -> !s.equals(MiddlewareConfig.Source.CLIENT_ADDRESS))
                .orElse(MiddlewareConfig.InFlightReq.REQUEST_HOST);
        return new MiddlewareConfig.InFlightReq(name, origin, (int) Math.min(amount, Integer.MAX_VALUE),
                source);
    }

    MiddlewareConfig retry(OptionReader r) {
        long attempts = r.integer("attempts").orElse(0L);
        if (attempts <= 0 || attempts > 1000) {
            r.problem(r.node("attempts").map(ConfigNode::origin).orElse(r.origin()), r.key("attempts"),
                    "attempts must be between 1 and 1000");
        }
        Duration initial = r.notNegative("initialInterval");
        Duration timeout = r.notNegative("timeout");
        List<StatusRange> status = r.statusRanges("status");
        return new MiddlewareConfig.Retry(name, origin, (int) Math.max(0, Math.min(attempts, 1000)),
                initial, timeout, status, r.bool("disableRetryOnNetworkError").orElse(false),
                r.bool("retryNonIdempotentMethod").orElse(false),
                r.bytes("maxRequestBodyBytes", 2L * 1024 * 1024));
    }

    MiddlewareConfig circuitBreaker(OptionReader r) {
        String expression = r.required("expression").trim();
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
        return new MiddlewareConfig.CircuitBreaker(name, origin, expression,
                r.positive("checkPeriod", Duration.ofMillis(100)), r.positive("fallbackDuration", Duration.ofSeconds(10)),
                r.positive("recoveryDuration", Duration.ofSeconds(10)), code);
    }

    MiddlewareConfig buffering(OptionReader r) {
        long maxRequest = r.bytes("maxRequestBodyBytes", 0);
        long memRequest = r.bytes("memRequestBodyBytes", MiddlewareConfig.Buffering.DEFAULT_MEMORY);
        long maxResponse = r.bytes("maxResponseBodyBytes", 0);
        long memResponse = r.bytes("memResponseBodyBytes", MiddlewareConfig.Buffering.DEFAULT_MEMORY);
        String retryExpression = r.string("retryExpression").orElse("").trim();
        if (!retryExpression.isEmpty()) {
            try {
                Buffering.checkRetryExpression(retryExpression);
            } catch (IllegalArgumentException e) {
                r.problem(r.node("retryExpression").get().origin(), r.key("retryExpression"), e.getMessage());
            }
        }
        return new MiddlewareConfig.Buffering(name, origin, maxRequest, memRequest, maxResponse,
                memResponse, retryExpression);
    }
}

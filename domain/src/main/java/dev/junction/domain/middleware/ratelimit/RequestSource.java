package dev.junction.domain.middleware.ratelimit;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.middleware.ipallow.IpStrategy;
import java.util.Objects;

/**
 * Traefik's {@code sourceCriterion}: what requests are grouped by when counting them. The client address as an
 * {@code ipStrategy} picks it, the value of a request header, or the request's host.
 */
public sealed interface RequestSource {

    /** The group this request counts in. */
    String of(Exchange exchange);

    record ClientIp(IpStrategy strategy) implements RequestSource {
        public ClientIp {
            Objects.requireNonNull(strategy, "strategy");
        }

        @Override
        public String of(Exchange exchange) {
            return strategy.clientIp(exchange);
        }
    }

    record RequestHeader(String name) implements RequestSource {
        public RequestHeader {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String of(Exchange exchange) {
            String value = exchange.requestHeaders().first(name);
            return value == null ? "" : value;
        }
    }

    record RequestHost() implements RequestSource {
        @Override
        public String of(Exchange exchange) {
            return exchange.host();
        }
    }
}

package dev.junction.domain.middleware.ipallow;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.net.IpRange;
import java.util.List;
import java.util.Objects;

/**
 * {@code ipAllowList}: lets a request on only when the address its strategy picks is in one of the source ranges;
 * otherwise answers {@code rejectStatusCode} (403 by default) with the status text, as Traefik does.
 */
public final class IpAllowList implements Middleware {
    private final List<IpRange> sourceRange;
    private final IpStrategy strategy;
    private final int rejectStatus;

    public IpAllowList(List<IpRange> sourceRange, IpStrategy strategy, int rejectStatus) {
        this.sourceRange = List.copyOf(sourceRange);
        if (this.sourceRange.isEmpty()) {
            throw new IllegalArgumentException("sourceRange is empty, so every request would be rejected");
        }
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        if (rejectStatus < 100 || rejectStatus > 599) {
            throw new IllegalArgumentException("rejectStatusCode must be an HTTP status (100-599), was " + rejectStatus);
        }
        this.rejectStatus = rejectStatus;
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        byte[] address = IpRange.literal(strategy.clientIp(exchange));
        if (address != null) {
            for (IpRange range : sourceRange) {
                if (range.contains(address)) {
                    next.handle(exchange);
                    return;
                }
            }
        }
        PlainAnswer.send(exchange, rejectStatus);
    }

    @Override
    public String toString() {
        return "ipAllowList " + sourceRange;
    }
}

package dev.junction.domain.middleware.ratelimit;

import java.math.BigDecimal;

/** Go's {@code time.Duration.String()}: {@code 1.5s}, {@code 250ms}, {@code 2m3.5s}, as {@code X-Retry-In} shows it. */
final class GoDuration {
    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos, 1_000) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return decimal(nanos, 1_000_000) + "ms";
        }
        StringBuilder out = new StringBuilder();
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long rest = nanos % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(rest, 1_000_000_000)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}

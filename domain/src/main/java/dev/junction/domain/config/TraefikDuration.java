package dev.junction.domain.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Durations written the way Traefik accepts them: Go duration strings ("1s", "500ms", "1m30s", "1.5h") or a
 * bare number, which means seconds.
 */
public final class TraefikDuration {
    private TraefikDuration() {
    }

    /** Writes {@code d} as a Go duration, the way a Traefik user writes it: "2s", "1m30s", "250ms", "0s". */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0 || (millis > 0 && out.length() > 0)) {
            out.append(seconds);
            if (millis > 0) {
                out.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
            }
            out.append('s');
        } else if (millis > 0) {
            out.append(millis).append("ms");
        }
        return out.length() == 0 ? d.toNanos() + "ns" : out.toString();
    }

    /** Parses {@code text}; empty when it is not a duration. */
    public static Optional<Duration> parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (s.matches("-?\\d+")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
            }
            if (s.matches("-?\\d+\\.\\d+")) {
                return Optional.of(Duration.ofNanos(Math.round(Double.parseDouble(s) * 1e9)));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean negative = s.startsWith("-");
        int i = negative || s.startsWith("+") ? 1 : 0;
        if (i == s.length()) {
            return Optional.empty();
        }
        double nanos = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return Optional.empty();
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            double unit;
            switch (s.substring(unitStart, i)) {
                case "ns": unit = 1; break;
                case "us": case "µs": case "μs": unit = 1e3; break;
                case "ms": unit = 1e6; break;
                case "s": unit = 1e9; break;
                case "m": unit = 60e9; break;
                case "h": unit = 3600e9; break;
                default: return Optional.empty();
            }
            nanos += number * unit;
        }
        long total = Math.round(nanos);
        return Optional.of(Duration.ofNanos(negative ? -total : total));
    }
}

package dev.junction.domain.rule;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The order in which routers are tried: higher first. As in Traefik, a router without an explicit priority (or
 * with 0) gets the length of its rule in UTF-8 bytes, so a longer, usually more specific rule wins; an explicit
 * non-zero priority (negative allowed) wins over that. Users may not go above {@link #MAX_USER_PRIORITY}: the
 * top 1000 values are kept for internal routers.
 */
public record RulePriority(long value) implements Comparable<RulePriority> {

    /** The highest priority a user may configure ({@code Long.MAX_VALUE - 1000}, Traefik's {@code MaxInt - 1000}). */
    public static final long MAX_USER_PRIORITY = Long.MAX_VALUE - 1000;

    /**
     * The effective priority of a router with {@code rule} and the configured {@code priority} (0 = unset).
     *
     * @throws IllegalArgumentException when {@code priority} exceeds {@link #MAX_USER_PRIORITY}
     */
    public static RulePriority of(String rule, long priority) {
        Objects.requireNonNull(rule, "rule");
        validate(priority);
        return new RulePriority(priority != 0 ? priority : defaultFor(rule));
    }

    /** The priority a rule gets when none is configured: its length in UTF-8 bytes. */
    public static long defaultFor(String rule) {
        return rule.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether a user may configure {@code priority}. */
    public static boolean isAllowed(long priority) {
        return priority <= MAX_USER_PRIORITY;
    }

    /**
     * Rejects a configured priority above {@link #MAX_USER_PRIORITY} with Traefik's wording.
     *
     * @throws IllegalArgumentException "the router priority N exceeds the max user-defined priority M"
     */
    public static void validate(long priority) {
        if (!isAllowed(priority)) {
            throw new IllegalArgumentException("the router priority " + priority
                    + " exceeds the max user-defined priority " + MAX_USER_PRIORITY);
        }
    }

    /** Ascending by value; routing tables sort in reverse so the highest priority is tried first. */
    @Override
    public int compareTo(RulePriority other) {
        return Long.compare(value, other.value);
    }
}

package dev.junction.undertow;

import java.time.Duration;

/**
 * Bounds that keep one client from hurting the others: header size and count, request-line length, how long a
 * client may take to send its headers, and how long an idle keep-alive connection stays open.
 */
public record ListenerLimits(int maxHeaderBytes, int maxHeaders, Duration headerReadTimeout, Duration idleTimeout) {
    public static final ListenerLimits DEFAULTS =
            new ListenerLimits(1024 * 1024, 200, Duration.ofSeconds(10), Duration.ofSeconds(180));
}

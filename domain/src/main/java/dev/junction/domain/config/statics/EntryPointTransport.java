package dev.junction.domain.config.statics;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an entrypoint waits on its clients and how it winds down: Traefik's {@code transport.respondingTimeouts}
 * and {@code transport.lifeCycle}. A zero duration means no limit.
 *
 * <p>Junction's read and write timeouts bound <em>silence</em>, not a whole transfer. Traefik's {@code readTimeout}
 * (60 s by default) caps the entire request, so every upload that takes longer fails even while it keeps moving, a
 * long-standing complaint of its users. Here the request head must arrive within {@code headerReadTimeout}, and a
 * request body fails only when it stalls for {@code bodyReadTimeout}; likewise a response fails only when the client
 * takes nothing for {@code writeTimeout}.
 *
 * @param headerReadTimeout          time to receive a request's head: {@code readTimeout} when set, else 10 s
 *                                   (tighter than Traefik's 60 s, so slow-header clients cannot hold connections)
 * @param bodyReadTimeout            longest wait for more request-body bytes: {@code readTimeout}, 60 s by default
 * @param writeTimeout               longest wait for the client to take more response bytes: none by default
 * @param idleTimeout                how long a keep-alive connection may sit between requests: 180 s by default
 * @param requestAcceptGraceTimeout  how long to keep accepting after a stop signal: none by default
 * @param graceTimeOut               how long requests in flight may take to finish after accepting stopped: 10 s
 */
public record EntryPointTransport(Duration headerReadTimeout, Duration bodyReadTimeout, Duration writeTimeout,
                                  Duration idleTimeout, Duration requestAcceptGraceTimeout, Duration graceTimeOut) {
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public static final EntryPointTransport DEFAULTS = new EntryPointTransport(DEFAULT_HEADER_READ_TIMEOUT,
            DEFAULT_READ_TIMEOUT, Duration.ZERO, Duration.ofSeconds(180), Duration.ZERO, Duration.ofSeconds(10));

    public EntryPointTransport {
        Objects.requireNonNull(headerReadTimeout, "headerReadTimeout");
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestAcceptGraceTimeout, "requestAcceptGraceTimeout");
        Objects.requireNonNull(graceTimeOut, "graceTimeOut");
    }
}

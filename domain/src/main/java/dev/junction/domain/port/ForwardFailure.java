package dev.junction.domain.port;

/** Why a backend gave no response, and what the client is told (as Traefik maps it). */
public enum ForwardFailure {
    /** No connection could be made (refused, no route, unknown host): 502. Nothing reached the backend. */
    UNREACHABLE(502, "Bad Gateway"),
    /** Connecting took longer than {@code dialTimeout}: 504. Nothing reached the backend. */
    CONNECT_TIMEOUT(504, "Gateway Timeout"),
    /** Reset or a broken response once the request was on its way: 502. */
    BAD_GATEWAY(502, "Bad Gateway"),
    /** Waiting for response headers took longer than configured: 504. */
    TIMEOUT(504, "Gateway Timeout"),
    /** The client went away first: 499, as Traefik logs it. */
    CLIENT_CLOSED(499, "Client Closed Request");

    private final int status;
    private final String reason;

    ForwardFailure(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** Whether the backend may have seen the request; a request it cannot have seen is safe to send elsewhere. */
    public boolean mayHaveReachedBackend() {
        return this != UNREACHABLE && this != CONNECT_TIMEOUT;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}

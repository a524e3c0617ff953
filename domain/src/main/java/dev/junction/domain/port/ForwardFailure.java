package dev.junction.domain.port;

/** Why a backend gave no response, and what the client is told (as Traefik maps it). */
public enum ForwardFailure {
    /** Connection refused, reset, unreachable, or a broken response: 502. */
    BAD_GATEWAY(502, "Bad Gateway"),
    /** Connecting or waiting for response headers took longer than configured: 504. */
    TIMEOUT(504, "Gateway Timeout"),
    /** The client went away first: 499, as Traefik logs it. */
    CLIENT_CLOSED(499, "Client Closed Request");

    private final int status;
    private final String reason;

    ForwardFailure(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}

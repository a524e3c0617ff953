package dev.junction.domain.config.statics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How Junction talks to backends: TLS trust and the certificates it presents, connection reuse and timeouts.
 * Durations of zero mean "no limit", as in Traefik. {@code maxIdleConnsPerHost}: 0 means the default, -1 disables
 * reuse.
 */
public record ServersTransportConfig(
        boolean insecureSkipVerify,
        List<String> rootCAs,
        int maxIdleConnsPerHost,
        Duration dialTimeout,
        Duration responseHeaderTimeout,
        Duration idleConnTimeout,
        List<String> spiffeIds,
        String spiffeTrustDomain,
        List<ClientCertificate> certificates) {

    public static final int DEFAULT_MAX_IDLE_CONNS_PER_HOST = 2;

    public static final ServersTransportConfig DEFAULTS = new ServersTransportConfig(false, List.of(), 0,
            Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(90), List.of(), "", List.of());

    public ServersTransportConfig {
        rootCAs = List.copyOf(rootCAs);
        spiffeIds = List.copyOf(spiffeIds);
        Objects.requireNonNull(dialTimeout, "dialTimeout");
        Objects.requireNonNull(responseHeaderTimeout, "responseHeaderTimeout");
        Objects.requireNonNull(idleConnTimeout, "idleConnTimeout");
        Objects.requireNonNull(spiffeTrustDomain, "spiffeTrustDomain");
        certificates = List.copyOf(certificates);
    }

    /** The idle connections kept per backend, with 0 resolved to the default; 0 when reuse is disabled. */
    public int effectiveMaxIdleConnsPerHost() {
        if (maxIdleConnsPerHost < 0) {
            return 0;
        }
        return maxIdleConnsPerHost == 0 ? DEFAULT_MAX_IDLE_CONNS_PER_HOST : maxIdleConnsPerHost;
    }
}

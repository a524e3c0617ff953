package dev.junction.domain.config.dynamic;

import dev.junction.domain.config.statics.ClientCertificate;
import dev.junction.domain.config.statics.ServersTransportConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tls} block of a middleware that calls a server of its own (forwardAuth): the CA that server's
 * certificate must chain to ({@code ca}, else the system's roots), the certificate Junction presents
 * ({@code cert} with {@code key}), or no verification at all. Each of ca, cert and key is a file path or the PEM
 * text itself.
 */
public record ClientTls(String ca, Optional<ClientCertificate> certificate, boolean insecureSkipVerify) {
    public ClientTls {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** The CA, certificate and key as written (paths or inline PEM), for noticing when a file changes. */
    public List<String> sources() {
        return certificate.map(c -> List.of(ca, c.cert(), c.key())).orElse(List.of(ca));
    }

    /** The transport to such a server: Traefik's defaults with this trust and this certificate. */
    public ServersTransportConfig transport() {
        ServersTransportConfig d = ServersTransportConfig.DEFAULTS;
        return new ServersTransportConfig(insecureSkipVerify, ca.isEmpty() ? List.of() : List.of(ca),
                d.maxIdleConnsPerHost(), d.dialTimeout(), d.responseHeaderTimeout(), d.idleConnTimeout(),
                d.spiffeIds(), d.spiffeTrustDomain(), certificate.map(List::of).orElse(List.of()));
    }
}

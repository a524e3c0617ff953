package dev.junction.domain.config.statics;

import java.util.Objects;

/**
 * A certificate and its private key that Junction presents when a server asks for one (mutual TLS): each a file
 * path or the PEM text itself, as Traefik accepts them.
 */
public record ClientCertificate(String cert, String key) {
    public ClientCertificate {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }
}

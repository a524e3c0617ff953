package dev.junction.application.compile;

import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.port.ForwardRequestPort;
import java.util.Objects;

/**
 * The ways a compiled configuration can reach servers: the transport of {@code serversTransport}, for services,
 * and transports with TLS settings of their own, for middlewares that call a server themselves (forwardAuth's
 * {@code tls}). Each distinct setting is opened once and shared by every configuration that names it, so a reload
 * reuses connections instead of opening a client per edit.
 */
public interface Transports {
    /** The transport configured by the static {@code serversTransport}. */
    ForwardRequestPort standard();

    /**
     * A transport with these TLS settings.
     *
     * @throws IllegalArgumentException when a CA, certificate or key cannot be loaded, naming it
     */
    ForwardRequestPort withTls(ClientTls tls);

    /** One forwarder for everything: for compiling configurations that are checked or explained, never served. */
    static Transports only(ForwardRequestPort forwarder) {
        Objects.requireNonNull(forwarder, "forwarder");
        return new Transports() {
            @Override
            public ForwardRequestPort standard() {
                return forwarder;
            }

            @Override
            public ForwardRequestPort withTls(ClientTls tls) {
                return forwarder;
            }
        };
    }
}

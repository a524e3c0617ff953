package dev.junction.application.runtime;

import dev.junction.application.compile.Transports;
import dev.junction.application.port.out.Forwarder;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.statics.ServersTransportConfig;
import dev.junction.domain.port.ForwardRequestPort;
import java.time.Duration;
import java.util.Objects;

/**
 * The transports of a serving Junction: the standard one opened at start, the others when a configuration first
 * names their TLS settings, kept, renewed and retired as {@link InUse} describes.
 */
final class OpenedTransports implements Transports, AutoCloseable {
    /** How long a superseded transport stays open: longer than any call it carries (forwardAuth allows 30 s). */
    static final Duration RETIREMENT = Duration.ofSeconds(60);

    private final ForwarderFactoryPort factory;
    private final Forwarder standard;
    private final InUse<ServersTransportConfig, Forwarder> others = new InUse<>(Forwarder::close, RETIREMENT);

    OpenedTransports(ForwarderFactoryPort factory, ServersTransportConfig standard) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.standard = factory.open(standard);
    }

    @Override
    public ForwardRequestPort standard() {
        return standard;
    }

    @Override
    public ForwardRequestPort withTls(ClientTls tls) {
        return others.get(tls.transport(), tls.sources(), factory::open);
    }

    /** A configuration is about to be compiled. */
    void compiling() {
        others.compiling();
    }

    /** The configuration just compiled is in force: transports it did not use are retired. */
    void compiled() {
        others.compiled();
    }

    @Override
    public void close() {
        others.close();
        standard.close();
    }
}

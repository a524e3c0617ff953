package dev.junction.application.runtime;

import dev.junction.application.compile.Transports;
import dev.junction.application.port.out.Forwarder;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.statics.ServersTransportConfig;
import dev.junction.domain.port.ForwardRequestPort;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transports of a serving Junction: the standard one opened at start, the others when a configuration first
 * names their settings, all kept until Junction stops. Settings are compared by value, so reloads of an unchanged
 * middleware reuse its transport; a transport whose settings no configuration names any more stays open (idle)
 * until the stop.
 */
final class OpenedTransports implements Transports, AutoCloseable {
    private final ForwarderFactoryPort factory;
    private final Forwarder standard;
    private final Map<ServersTransportConfig, Forwarder> others = new ConcurrentHashMap<>();

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
        return others.computeIfAbsent(tls.transport(), factory::open);
    }

    @Override
    public void close() {
        others.values().forEach(Forwarder::close);
        standard.close();
    }
}

package dev.junction.application.port.out;

import dev.junction.domain.config.statics.ServersTransportConfig;

/** Opens the transport to backends once the static configuration says how it must behave. */
public interface ForwarderFactoryPort {
    Forwarder open(ServersTransportConfig transport);
}

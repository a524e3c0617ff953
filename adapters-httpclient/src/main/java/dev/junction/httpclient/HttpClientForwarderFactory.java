package dev.junction.httpclient;

import dev.junction.application.port.out.Forwarder;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.domain.config.statics.ServersTransportConfig;

/** Opens an {@link HttpClientForwarder} configured by the static {@code serversTransport}. */
public final class HttpClientForwarderFactory implements ForwarderFactoryPort {
    @Override
    public Forwarder open(ServersTransportConfig transport) {
        return new HttpClientForwarder(transport);
    }
}

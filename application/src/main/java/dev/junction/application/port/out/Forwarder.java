package dev.junction.application.port.out;

import dev.junction.domain.port.ForwardRequestPort;

/** A forwarding transport that holds resources (connection pools, threads) until closed. */
public interface Forwarder extends ForwardRequestPort, AutoCloseable {
    @Override
    void close();
}

package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import dev.junction.application.port.out.ListenPort;
import dev.junction.undertow.ListenerLimits;
import dev.junction.undertow.UndertowListenPort;

/** Entrypoints listen with Undertow. */
public final class UndertowModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ListenPort.class).toInstance(new UndertowListenPort(ListenerLimits.DEFAULTS));
    }
}

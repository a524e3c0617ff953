package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.junction.application.port.out.EncodingsPort;
import dev.junction.application.port.out.ListenPort;
import dev.junction.undertow.ListenerLimits;
import dev.junction.undertow.UndertowListenPort;
import dev.junction.undertow.codec.CodecEncodings;

/** Entrypoints listen with Undertow; responses are encoded with the codec libraries next to it (br, zstd). */
public final class UndertowModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ListenPort.class).toInstance(new UndertowListenPort(ListenerLimits.DEFAULTS));
        bind(EncodingsPort.class).to(CodecEncodings.class).in(Singleton.class);
    }
}

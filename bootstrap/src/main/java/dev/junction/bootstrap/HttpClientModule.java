package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.httpclient.HttpClientForwarderFactory;

/** Backends are reached with HttpClient5's async client. */
public final class HttpClientModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ForwarderFactoryPort.class).to(HttpClientForwarderFactory.class);
    }
}

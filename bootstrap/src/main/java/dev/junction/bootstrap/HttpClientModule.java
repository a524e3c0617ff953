package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.application.port.out.SharedBucketsFactoryPort;
import dev.junction.httpclient.HttpClientForwarderFactory;
import dev.junction.httpclient.redis.RedisBucketsFactory;

/** Backends are reached with HttpClient5's async client; shared rate-limit buckets live in Redis (Lettuce). */
public final class HttpClientModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ForwarderFactoryPort.class).to(HttpClientForwarderFactory.class);
        bind(SharedBucketsFactoryPort.class).to(RedisBucketsFactory.class);
    }
}

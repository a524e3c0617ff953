package dev.junction.application.runtime;

import dev.junction.application.port.out.SharedBucketsFactoryPort;
import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.port.SharedBucketsPort;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The shared rate-limit stores ({@code rateLimit.redis}) of a Junction: one per distinct setting, kept across
 * reloads, renewed when a TLS file it was built from changes, closed once no configuration in force uses it
 * (after the requests it may still serve), all closed at stop.
 */
public final class OpenedStores implements SharedBucketsFactoryPort, AutoCloseable {
    /** Longer than any request waits on a store (the read and write timeouts, seconds). */
    static final Duration RETIREMENT = Duration.ofSeconds(60);

    private final SharedBucketsFactoryPort factory;
    private final InUse<MiddlewareConfig.Redis, SharedBucketsPort> stores =
            new InUse<>(SharedBucketsPort::close, RETIREMENT);

    public OpenedStores(SharedBucketsFactoryPort factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public SharedBucketsPort open(MiddlewareConfig.Redis settings) {
        return stores.get(settings, settings.tls().map(ClientTls::sources).orElse(List.of()), factory::open);
    }

    /** A configuration is about to be compiled. */
    void compiling() {
        stores.compiling();
    }

    /** The configuration just compiled is in force: stores it did not use are retired. */
    void compiled() {
        stores.compiled();
    }

    @Override
    public void close() {
        stores.close();
    }
}

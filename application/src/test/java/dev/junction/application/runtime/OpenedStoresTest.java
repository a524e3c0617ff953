package dev.junction.application.runtime;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.junction.application.port.out.SharedBucketsFactoryPort;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.port.SharedBucketsPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared rate-limit stores, with the Redis adapter's factory (a port) stood in for by Mockito. */
class OpenedStoresTest {
    private static MiddlewareConfig.Redis redis(String endpoint) {
        return new MiddlewareConfig.Redis(List.of(endpoint), "", "", 0, Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Optional.empty());
    }

    @Test
    void oneStorePerSettingAcrossReloadsAndAnUnusedOneIsClosedAtTheLatestAtStop() {
        SharedBucketsFactoryPort factory = mock(SharedBucketsFactoryPort.class);
        when(factory.open(any())).thenAnswer(invocation -> mock(SharedBucketsPort.class));
        SharedBucketsPort first;
        SharedBucketsPort other;
        try (OpenedStores stores = new OpenedStores(factory)) {
            stores.compiling();
            first = stores.open(redis("a:6379"));
            stores.compiled();
            stores.compiling();
            assertSame(first, stores.open(redis("a:6379")));
            other = stores.open(redis("b:6379"));
            assertNotSame(first, other);
            stores.compiled();
            stores.compiling();
            stores.open(redis("b:6379"));
            stores.compiled();
            verify(first, never()).close();
        }
        verify(first).close();
        verify(other).close();
    }
}

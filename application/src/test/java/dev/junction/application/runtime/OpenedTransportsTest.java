package dev.junction.application.runtime;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.junction.application.port.out.Forwarder;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.statics.ClientCertificate;
import dev.junction.domain.config.statics.ServersTransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transports of a serving Junction, with its forwarder factory (a port) stood in for by Mockito. */
class OpenedTransportsTest {
    private final ForwarderFactoryPort factory = mock(ForwarderFactoryPort.class);

    OpenedTransportsTest() {
        when(factory.open(any())).thenAnswer(invocation -> mock(Forwarder.class));
    }

    @Test
    void theSameSettingsWithUnchangedFilesShareOneTransportAcrossReloads(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "cert");
        Path key = Files.writeString(dir.resolve("k.pem"), "key");
        ClientTls tls = new ClientTls("", Optional.of(new ClientCertificate(cert.toString(), key.toString())), false);
        try (OpenedTransports transports = new OpenedTransports(factory, ServersTransportConfig.DEFAULTS)) {
            transports.compiling();
            Object first = transports.withTls(tls);
            transports.compiled();
            transports.compiling();
            assertSame(first, transports.withTls(tls));
            transports.compiled();

            Files.setLastModifiedTime(key, FileTime.fromMillis(Files.getLastModifiedTime(key).toMillis() + 5_000));
            transports.compiling();
            Object rotated = transports.withTls(tls);
            transports.compiled();
            assertNotSame(first, rotated, "a rotated key is read anew");
            verify((Forwarder) first, never()).close();
        }
        verify(factory, times(3)).open(any());
    }

    @Test
    void aTransportNoConfigurationUsesIsClosedAtTheLatestWhenJunctionStops() {
        ClientTls tls = new ClientTls("", Optional.empty(), true);
        Forwarder retired;
        try (OpenedTransports transports = new OpenedTransports(factory, ServersTransportConfig.DEFAULTS)) {
            transports.compiling();
            retired = (Forwarder) transports.withTls(tls);
            transports.compiled();
            transports.compiling();
            transports.compiled();
            verify(retired, never()).close();
        }
        verify(retired).close();
    }
}

package dev.junction.application.runtime;

import dev.junction.application.compile.Transports;
import dev.junction.application.port.out.Forwarder;
import dev.junction.application.port.out.ForwarderFactoryPort;
import dev.junction.domain.config.dynamic.ClientTls;
import dev.junction.domain.config.statics.ServersTransportConfig;
import dev.junction.domain.port.ForwardRequestPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The transports of a serving Junction: the standard one opened at start, the others when a configuration first
 * names their TLS settings. A reload that names the same settings, with the same CA, certificate and key files
 * unchanged on disk, reuses the transport and its connections; a rotated file gets a new transport, as Traefik
 * builds its client anew on each reload. A transport that the configuration in force no longer uses is closed
 * once the calls it may still carry are over, and all are closed when Junction stops.
 */
final class OpenedTransports implements Transports, AutoCloseable {
    /** How long a superseded transport stays open: longer than any call it carries (forwardAuth allows 30 s). */
    static final Duration RETIREMENT = Duration.ofSeconds(60);

    /** A transport with the settings and the state of the files it was opened from. */
    private record Opened(ServersTransportConfig settings, List<String> files, Forwarder forwarder) {
    }

    private final ForwarderFactoryPort factory;
    private final Forwarder standard;
    private final Map<ServersTransportConfig, Opened> current = new HashMap<>();
    private final List<Opened> usedThisGeneration = new ArrayList<>();
    private final List<Forwarder> retiring = new ArrayList<>();
    private ScheduledExecutorService retirements;
    private boolean closed;

    OpenedTransports(ForwarderFactoryPort factory, ServersTransportConfig standard) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.standard = factory.open(standard);
    }

    @Override
    public ForwardRequestPort standard() {
        return standard;
    }

    @Override
    public synchronized ForwardRequestPort withTls(ClientTls tls) {
        if (closed) {
            throw new IllegalStateException("Junction is stopping");
        }
        ServersTransportConfig settings = tls.transport();
        List<String> files = fingerprint(tls);
        Opened opened = current.get(settings);
        if (opened == null || !opened.files().equals(files)) {
            opened = new Opened(settings, files, factory.open(settings));
            Opened previous = current.put(settings, opened);
            if (previous != null) {
                retire(previous);
            }
        }
        usedThisGeneration.add(opened);
        return opened.forwarder();
    }

    /** A configuration is about to be compiled: what it uses is counted from here. */
    synchronized void compiling() {
        usedThisGeneration.clear();
    }

    /** The configuration just compiled is in force: transports it did not use are retired. */
    synchronized void compiled() {
        List<ServersTransportConfig> unused = new ArrayList<>();
        current.forEach((settings, opened) -> {
            if (usedThisGeneration.stream().noneMatch(used -> used == opened)) {
                unused.add(settings);
            }
        });
        unused.forEach(settings -> retire(current.remove(settings)));
    }

    private void retire(Opened opened) {
        if (retirements == null) {
            retirements = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "junction-transport-retirement");
                t.setDaemon(true);
                return t;
            });
        }
        Forwarder forwarder = opened.forwarder();
        retiring.add(forwarder);
        retirements.schedule(() -> {
            synchronized (this) {
                if (!retiring.remove(forwarder)) {
                    return;
                }
            }
            forwarder.close();
        }, RETIREMENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The size and modification time of each file the settings name (inline PEM names none). */
    private static List<String> fingerprint(ClientTls tls) {
        List<String> files = new ArrayList<>();
        files.add(tls.ca());
        tls.certificate().ifPresent(c -> {
            files.add(c.cert());
            files.add(c.key());
        });
        List<String> state = new ArrayList<>();
        for (String file : files) {
            if (file.isEmpty() || file.contains("-----BEGIN")) {
                continue;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(Path.of(file), BasicFileAttributes.class);
                state.add(file + "@" + a.lastModifiedTime().toMillis() + "/" + a.size());
            } catch (IOException | RuntimeException unreadable) {
                state.add(file + "@unreadable");
            }
        }
        return state;
    }

    @Override
    public void close() {
        List<Forwarder> open = new ArrayList<>();
        synchronized (this) {
            closed = true;
            current.values().forEach(o -> open.add(o.forwarder()));
            current.clear();
            open.addAll(retiring);
            retiring.clear();
            if (retirements != null) {
                retirements.shutdownNow();
            }
        }
        open.forEach(Forwarder::close);
        standard.close();
    }
}

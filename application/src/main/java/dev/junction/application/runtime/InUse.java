package dev.junction.application.runtime;

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
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Clients opened for configuration settings (a TLS transport, a Redis store), kept while the configuration in force
 * uses them. A reload that names the same settings, with the files they name unchanged on disk, gets the same
 * client and its connections; a changed file (a rotated certificate) gets a new one, as Traefik builds its clients
 * anew on reload. A client that the configuration just applied no longer uses is closed after {@code grace}, once
 * the calls it may still carry are over; every client is closed with this.
 *
 * @param <K> the settings
 * @param <V> the client
 */
final class InUse<K, V> implements AutoCloseable {
    private record Entry<V>(List<String> files, V client) {
    }

    private final Consumer<V> closer;
    private final Duration grace;
    private final Map<K, Entry<V>> current = new HashMap<>();
    private final List<Entry<V>> usedThisGeneration = new ArrayList<>();
    private final List<V> retiring = new ArrayList<>();
    private ScheduledExecutorService retirements;
    private boolean closed;

    InUse(Consumer<V> closer, Duration grace) {
        this.closer = Objects.requireNonNull(closer, "closer");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /**
     * The client for {@code settings}, opened unless one is open for them and {@code files} are as they were.
     *
     * @param files paths whose content the client was built from; inline values are skipped
     */
    synchronized V get(K settings, List<String> files, Function<K, V> opener) {
        if (closed) {
            throw new IllegalStateException("Junction is stopping");
        }
        List<String> state = state(files);
        Entry<V> entry = current.get(settings);
        if (entry == null || !entry.files().equals(state)) {
            entry = new Entry<>(state, opener.apply(settings));
            Entry<V> previous = current.put(settings, entry);
            if (previous != null) {
                retire(previous.client());
            }
        }
        usedThisGeneration.add(entry);
        return entry.client();
    }

    /** A configuration is about to be compiled: what it uses is counted from here. */
    synchronized void compiling() {
        usedThisGeneration.clear();
    }

    /** The configuration just compiled is in force: clients it did not use are retired. */
    synchronized void compiled() {
        List<K> unused = new ArrayList<>();
        current.forEach((settings, entry) -> {
            if (usedThisGeneration.stream().noneMatch(used -> used == entry)) {
                unused.add(settings);
            }
        });
        unused.forEach(settings -> retire(current.remove(settings).client()));
    }

    private void retire(V client) {
        if (retirements == null) {
            retirements = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "junction-client-retirement");
                t.setDaemon(true);
                return t;
            });
        }
        retiring.add(client);
        retirements.schedule(() -> {
            synchronized (this) {
                if (!retiring.remove(client)) {
                    return;
                }
            }
            closer.accept(client);
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The size and modification time of each file named (inline PEM, holding "-----BEGIN", names none). */
    private static List<String> state(List<String> files) {
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
        List<V> open = new ArrayList<>();
        synchronized (this) {
            closed = true;
            current.values().forEach(entry -> open.add(entry.client()));
            current.clear();
            open.addAll(retiring);
            retiring.clear();
            if (retirements != null) {
                retirements.shutdownNow();
            }
        }
        open.forEach(closer);
    }
}

package dev.junction.fileprovider;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon thread that tells the file provider when to look at its files again. It listens to the file
 * system's change events on every watched directory (so a change is seen at once) and also ticks every
 * {@code pollInterval} regardless (so bind mounts, NFS and symlink swaps that send no event are seen too).
 * After an event it waits until the directory has been quiet for {@code quietPeriod}, so one editor save
 * triggers one look.
 */
final class ChangeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final Duration MAX_DEBOUNCE = Duration.ofMillis(500);

    private final ConfigFileSet files;
    private final Duration pollInterval;
    private final Duration quietPeriod;
    private final Runnable onTick;
    private final Thread thread;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private volatile boolean running = true;
    private volatile WatchService watchService;

    ChangeWatcher(ConfigFileSet files, Duration pollInterval, Duration quietPeriod, Runnable onTick) {
        this.files = Objects.requireNonNull(files, "files");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
        this.onTick = Objects.requireNonNull(onTick, "onTick");
        this.thread = new Thread(this::run, "junction-file-provider-watch");
        this.thread.setDaemon(true);
    }

    void start() {
        try {
            watchService = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("file provider: no file system events for {} ({}); polling every {} ms",
                    files, e.getMessage(), pollInterval.toMillis());
        }
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                register();
                boolean event = awaitEvent();
                if (!running) {
                    break;
                }
                if (event) {
                    debounce();
                }
                if (!running) {
                    break;
                }
                try {
                    onTick.run();
                } catch (RuntimeException e) {
                    LOG.error("file provider: reading {} failed: {}", files, e.toString(), e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void register() {
        WatchService service = watchService;
        if (service == null) {
            return;
        }
        for (Path directory : files.directoriesToWatch()) {
            WatchKey existing = keys.get(directory);
            if (existing != null && existing.isValid()) {
                continue;
            }
            try {
                keys.put(directory, directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
            } catch (IOException e) {
                LOG.debug("file provider: cannot watch {}: {}", directory, e.toString());
            }
        }
    }

    private boolean awaitEvent() throws InterruptedException {
        WatchService service = watchService;
        if (service == null) {
            Thread.sleep(pollInterval.toMillis());
            return false;
        }
        WatchKey key = service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
            return false;
        }
        drain(key);
        return true;
    }

    private void debounce() throws InterruptedException {
        long deadline = System.nanoTime() + MAX_DEBOUNCE.toNanos();
        while (running && System.nanoTime() < deadline) {
            WatchKey key = watchService.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
            if (key == null) {
                return;
            }
            drain(key);
        }
    }

    private void drain(WatchKey key) {
        key.pollEvents();
        if (!key.reset()) {
            keys.values().remove(key);
        }
    }

    @Override
    public void close() {
        running = false;
        WatchService service = watchService;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("file provider: closing the watch service: {}", e.toString());
            }
        }
        if (Thread.currentThread() != thread) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }
}

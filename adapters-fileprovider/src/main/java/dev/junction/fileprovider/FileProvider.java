package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.statics.FileProviderConfig;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.port.DynamicConfigurationSourcePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traefik's file provider ({@code providers.file}): dynamic configuration from one file or from every
 * {@code .toml}/{@code .yaml}/{@code .yml} file under a directory, merged in file order (first definition wins).
 *
 * <p>Unlike Traefik, one bad file does not hold back the others: every file keeps its last good content, so a
 * file that stops parsing keeps serving what it served before (or nothing, if it never parsed) and its problem
 * ({@code file:line: key: message}) is added to the configuration's problems. A deleted file removes its content.
 *
 * <p>{@link #watch} follows changes within about a second: file-system events on the directory tree plus a
 * polling fallback that compares each file's real path, size, modification time and content hash, so in-place
 * edits, editor saves by rename, Kubernetes ConfigMap symlink swaps, bind mounts and deleted-then-recreated
 * files are all seen. Listeners hear only about configurations that actually differ from the last one they got.
 * Whether to watch at all ({@code providers.file.watch}) is the caller's decision.
 */
public final class FileProvider implements DynamicConfigurationSourcePort {

    private static final Logger LOG = LoggerFactory.getLogger(FileProvider.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);
    /** A file modified this recently is re-read even if its size and time look unchanged (coarse file times). */
    private static final Duration RACY_WINDOW = Duration.ofSeconds(3);
    private static final int MAX_SETTLE_ROUNDS = 5;

    private final ConfigFileSet files;
    private final Function<ConfigNode.MapNode, DynamicConfiguration> binder;
    private final Function<List<DynamicConfiguration>, DynamicConfiguration> merger;
    private final List<Consumer<DynamicConfiguration>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    // guarded by lock
    private Map<Path, WatchedFile> states = new LinkedHashMap<>();
    private List<ConfigProblem> listingProblems = List.of();
    private boolean listingProblemLogged;
    private DynamicConfiguration current;
    private DynamicConfiguration delivered;
    private ChangeWatcher watcher;
    private boolean closed;

    /**
     * A provider for the static {@code providers.file} section: exactly one of {@code filename} and
     * {@code directory} must be set.
     *
     * @param binder turns one file's tree into its configuration (problems inside it are the binder's to report)
     * @param merger merges the files' configurations, given in file order; the first definition of a name wins
     */
    public FileProvider(FileProviderConfig config,
                        Function<ConfigNode.MapNode, DynamicConfiguration> binder,
                        Function<List<DynamicConfiguration>, DynamicConfiguration> merger) {
        this(fileSetOf(config), binder, merger);
    }

    private FileProvider(ConfigFileSet files,
                         Function<ConfigNode.MapNode, DynamicConfiguration> binder,
                         Function<List<DynamicConfiguration>, DynamicConfiguration> merger) {
        this.files = files;
        this.binder = Objects.requireNonNull(binder, "binder");
        this.merger = Objects.requireNonNull(merger, "merger");
    }

    /** A provider reading one file ({@code providers.file.filename}). */
    public static FileProvider forFile(Path file,
                                       Function<ConfigNode.MapNode, DynamicConfiguration> binder,
                                       Function<List<DynamicConfiguration>, DynamicConfiguration> merger) {
        return new FileProvider(ConfigFileSet.file(file), binder, merger);
    }

    /** A provider reading every configuration file under a directory ({@code providers.file.directory}). */
    public static FileProvider forDirectory(Path directory,
                                            Function<ConfigNode.MapNode, DynamicConfiguration> binder,
                                            Function<List<DynamicConfiguration>, DynamicConfiguration> merger) {
        return new FileProvider(ConfigFileSet.directory(directory), binder, merger);
    }

    private static ConfigFileSet fileSetOf(FileProviderConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.filename().isPresent() == config.directory().isPresent()) {
            throw new ConfigurationException(new ConfigProblem(Origin.of("providers.file"), "providers.file",
                    "set exactly one of filename and directory"));
        }
        return config.filename().map(ConfigFileSet::file)
                .orElseGet(() -> ConfigFileSet.directory(config.directory().orElseThrow()));
    }

    @Override
    public String providerName() {
        return "file";
    }

    /**
     * Reads every file now.
     *
     * @throws ConfigurationException when the file or directory itself cannot be read (problems inside files
     *                                are reported in the result instead)
     */
    @Override
    public DynamicConfiguration load() {
        synchronized (lock) {
            files.checkReadable();
            scan();
            current = compose();
            return current;
        }
    }

    /**
     * Calls {@code listener} on a daemon thread with every new configuration, within about a second of a change,
     * until {@link #close()}. Reads the files first if {@link #load()} was never called.
     */
    @Override
    public void watch(Consumer<DynamicConfiguration> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("file provider: closed");
            }
            if (current == null) {
                load();
            }
            if (delivered == null) {
                delivered = current;
            }
            listeners.add(listener);
            if (watcher == null) {
                watcher = new ChangeWatcher(files, POLL_INTERVAL, QUIET_PERIOD, this::refresh);
                watcher.start();
            }
        }
    }

    /** Stops watching; idempotent. */
    @Override
    public void close() {
        ChangeWatcher toClose;
        synchronized (lock) {
            closed = true;
            toClose = watcher;
            watcher = null;
        }
        listeners.clear();
        if (toClose != null) {
            toClose.close();
        }
    }

    /** One tick of the watcher: read what changed, let a save in progress settle, deliver if different. */
    private void refresh() {
        boolean changed;
        synchronized (lock) {
            if (closed) {
                return;
            }
            changed = scan();
            if (!changed && Objects.equals(current, delivered)) {
                return;
            }
        }
        for (int round = 0; changed && round < MAX_SETTLE_ROUNDS; round++) {
            try {
                Thread.sleep(QUIET_PERIOD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (lock) {
                if (closed) {
                    return;
                }
                changed = scan();
            }
        }
        DynamicConfiguration next;
        synchronized (lock) {
            if (closed) {
                return;
            }
            current = compose();
            if (current.equals(delivered)) {
                return;
            }
            delivered = current;
            next = current;
        }
        LOG.info("file provider: applied configuration from {}: {} routers, {} middlewares, {} services, {} problems",
                files, next.routers().size(), next.middlewares().size(), next.services().size(), next.problems().size());
        for (Consumer<DynamicConfiguration> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("file provider: a configuration listener failed: {}", e.toString(), e);
            }
        }
    }

    /** Brings every file's state up to date; true if any file appeared, disappeared or changed content. */
    private boolean scan() {
        List<Path> listed;
        try {
            listed = files.list();
        } catch (IOException e) {
            List<ConfigProblem> problems = List.of(new ConfigProblem(Origin.of(files.root().toString()), "",
                    "file provider: cannot list the files, keeping their last good content: " + e));
            boolean changed = !problems.equals(listingProblems);
            listingProblems = problems;
            return changed;
        }
        boolean recovered = !listingProblems.isEmpty();
        if (recovered) {
            listingProblems = List.of();
            listingProblemLogged = false;
        }
        return scanFiles(listed) | recovered;
    }

    private boolean scanFiles(List<Path> listed) {
        Map<Path, WatchedFile> next = new LinkedHashMap<>();
        boolean changed = false;
        for (Path path : listed) {
            WatchedFile state = states.getOrDefault(path, new WatchedFile(path));
            Path realPath;
            BasicFileAttributes attributes;
            try {
                realPath = path.toRealPath();
                attributes = Files.readAttributes(realPath, BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                continue; // vanished since listing: as if deleted
            } catch (IOException e) {
                state.broken(List.of(cannotRead(path, e)), false);
                next.put(path, state);
                continue;
            }
            FileTime modified = attributes.lastModifiedTime();
            if (state.sameStat(realPath, attributes.size(), modified) && !recent(modified)) {
                next.put(path, state);
                continue;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(path);
            } catch (NoSuchFileException gone) {
                continue;
            } catch (IOException e) {
                state.broken(List.of(cannotRead(path, e)), false);
                next.put(path, state);
                continue;
            }
            state.stat(realPath, attributes.size(), modified);
            if (state.contentChanged(sha256(content))) {
                changed = true;
                parse(state, content);
            }
            next.put(path, state);
        }
        changed |= !new ArrayList<>(next.keySet()).equals(new ArrayList<>(states.keySet()));
        states = next;
        return changed;
    }

    private void parse(WatchedFile state, byte[] content) {
        try {
            ConfigNode.MapNode tree = ConfigFileFormat.readTree(state.path(), content);
            state.good(tree, Objects.requireNonNull(binder.apply(tree), "binder result"));
        } catch (ConfigurationException e) {
            state.broken(e.problems(), true);
        } catch (RuntimeException e) {
            state.broken(List.of(new ConfigProblem(Origin.of(state.path().toString()), "",
                    "cannot read the configuration: " + e)), true);
        }
    }

    /** The merged configuration of every file's last good content, plus the current problems of every file. */
    private DynamicConfiguration compose() {
        List<DynamicConfiguration> fragments = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>(listingProblems);
        if (!listingProblems.isEmpty() && !listingProblemLogged) {
            listingProblemLogged = true;
            listingProblems.forEach(problem -> LOG.error("{}", problem));
        }
        for (WatchedFile state : states.values()) {
            if (state.hasGoodContent()) {
                fragments.add(state.lastGoodFragment());
            }
            problems.addAll(state.problems());
            if (state.takeUnloggedProblems()) {
                for (ConfigProblem problem : state.problems()) {
                    LOG.error("file provider: {} ({})", problem, state.hasGoodContent()
                            ? "keeping the last good content of this file" : "this file contributes nothing");
                }
            }
        }
        DynamicConfiguration merged = merger.apply(List.copyOf(fragments));
        if (problems.isEmpty()) {
            return merged;
        }
        List<ConfigProblem> all = new ArrayList<>(merged.problems());
        all.addAll(problems);
        return new DynamicConfiguration(merged.routers(), merged.middlewares(), merged.services(), all);
    }

    private static boolean recent(FileTime modified) {
        return modified.toInstant().isAfter(Instant.now().minus(RACY_WINDOW));
    }

    private static ConfigProblem cannotRead(Path path, IOException e) {
        return new ConfigProblem(Origin.of(path.toString()), "", "cannot read the file: " + e);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String toString() {
        return "FileProvider[" + files + "]";
    }
}

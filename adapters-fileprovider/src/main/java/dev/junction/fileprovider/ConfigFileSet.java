package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.Origin;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The files one file provider reads: a single file, or every {@code .toml}/{@code .yaml}/{@code .yml} file under
 * a directory, depth-first with each directory's entries sorted by name (Traefik's order). Entries whose name
 * starts with {@code ..} are skipped: they are Kubernetes' ConfigMap internals ({@code ..data},
 * {@code ..2026_01_01_...}) whose files are already reachable through the top-level symlinks.
 */
final class ConfigFileSet {

    private final Path root;
    private final boolean directory;

    private ConfigFileSet(Path root, boolean directory) {
        this.root = Objects.requireNonNull(root, "root");
        this.directory = directory;
    }

    static ConfigFileSet file(Path file) {
        return new ConfigFileSet(file, false);
    }

    static ConfigFileSet directory(Path directory) {
        return new ConfigFileSet(directory, true);
    }

    Path root() {
        return root;
    }

    boolean isDirectory() {
        return directory;
    }

    /** Fails with a clear message when the provider cannot read its file or directory at all. */
    void checkReadable() {
        String what = directory ? "directory" : "file";
        if (!Files.exists(root)) {
            throw unreadable("the " + what + " does not exist");
        }
        if (directory && !Files.isDirectory(root)) {
            throw unreadable("not a directory");
        }
        if (!directory && Files.isDirectory(root)) {
            throw unreadable("a directory, not a file (use providers.file.directory)");
        }
        if (!Files.isReadable(root)) {
            throw unreadable("the " + what + " is not readable");
        }
        if (directory) {
            try (DirectoryStream<Path> ignored = Files.newDirectoryStream(root)) {
                // listing once proves the directory can be read
            } catch (IOException e) {
                throw unreadable("cannot list the directory: " + e);
            }
        }
    }

    private ConfigurationException unreadable(String message) {
        return new ConfigurationException(new ConfigProblem(Origin.of(root.toString()),
                directory ? "providers.file.directory" : "providers.file.filename", "file provider: " + message));
    }

    /** The configuration files present now, in reading order. */
    List<Path> list() throws IOException {
        if (!directory) {
            return Files.exists(root) ? List.of(root) : List.of();
        }
        List<Path> files = new ArrayList<>();
        walk(root, new HashSet<>(), files, new LinkedHashSet<>(), true);
        return files;
    }

    /** The directories whose entries matter: the parent of the file, or the directory tree. */
    Set<Path> directoriesToWatch() {
        Set<Path> directories = new LinkedHashSet<>();
        if (!directory) {
            Path parent = root.toAbsolutePath().getParent();
            if (parent != null) {
                directories.add(parent);
            }
            return directories;
        }
        try {
            walk(root, new HashSet<>(), new ArrayList<>(), directories, true);
        } catch (IOException e) {
            directories.add(root);
        }
        return directories;
    }

    private static void walk(Path dir, Set<Path> visited, List<Path> files, Set<Path> directories, boolean top)
            throws IOException {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (NoSuchFileException e) {
            if (top) {
                throw e;
            }
            return;
        }
        if (!visited.add(real)) {
            return; // a symlink loop
        }
        directories.add(dir);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException e) {
            if (top) {
                throw e;
            }
            return;
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith("..")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                walk(entry, visited, files, directories, false);
            } else if (ConfigFileFormat.of(entry).isPresent() && Files.isRegularFile(entry)) {
                files.add(entry);
            }
        }
    }

    @Override
    public String toString() {
        return (directory ? "directory " : "file ") + root;
    }
}

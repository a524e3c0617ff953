package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.tree.ConfigNode;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the file provider knows about one file: how it looked when last read (real path, size, modification
 * time, content hash), its last good tree and what that tree binds to, and the problem of its current content
 * if that content does not parse. Mutable; guarded by the provider's lock.
 */
final class WatchedFile {

    private final Path path;
    private Path realPath;
    private long size = -1;
    private FileTime modified;
    private byte[] digest;
    private ConfigNode.MapNode lastGoodTree;
    private DynamicConfiguration lastGoodFragment;
    private List<ConfigProblem> problems = List.of();
    private boolean problemsLogged;

    WatchedFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    Path path() {
        return path;
    }

    /** True when the file's metadata is the same as when it was last read. */
    boolean sameStat(Path realPath, long size, FileTime modified) {
        return digest != null && realPath.equals(this.realPath) && size == this.size && modified.equals(this.modified);
    }

    void stat(Path realPath, long size, FileTime modified) {
        this.realPath = realPath;
        this.size = size;
        this.modified = modified;
    }

    /** Records the content hash; true if the content differs from the last one read. */
    boolean contentChanged(byte[] newDigest) {
        if (digest != null && Arrays.equals(digest, newDigest)) {
            return false;
        }
        digest = newDigest;
        return true;
    }

    void good(ConfigNode.MapNode tree, DynamicConfiguration fragment) {
        lastGoodTree = tree;
        lastGoodFragment = fragment;
        problems = List.of();
        problemsLogged = false;
    }

    /** The current content is unusable: keep the last good content, remember why. */
    void broken(List<ConfigProblem> newProblems, boolean contentKnown) {
        if (!contentKnown) {
            digest = null; // read again next time
        }
        if (!newProblems.equals(problems)) {
            problems = List.copyOf(newProblems);
            problemsLogged = false;
        }
    }

    DynamicConfiguration lastGoodFragment() {
        return lastGoodFragment;
    }

    boolean hasGoodContent() {
        return lastGoodTree != null;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** True once per new set of problems: the caller logs them then. */
    boolean takeUnloggedProblems() {
        if (problems.isEmpty() || problemsLogged) {
            return false;
        }
        problemsLogged = true;
        return true;
    }
}

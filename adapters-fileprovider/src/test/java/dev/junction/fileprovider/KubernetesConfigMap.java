package dev.junction.fileprovider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory laid out the way the kubelet mounts a ConfigMap: {@code ..<timestamp>/file}, a {@code ..data}
 * symlink to the current timestamped directory, and a top-level {@code file} symlink to {@code ..data/file}.
 * An update writes a new timestamped directory and swaps {@code ..data} atomically.
 */
final class KubernetesConfigMap {
    private final Path dir;
    private final String fileName;
    private int generation;

    private KubernetesConfigMap(Path dir, String fileName) {
        this.dir = dir;
        this.fileName = fileName;
    }

    static KubernetesConfigMap create(Path dir, String fileName, String content) throws IOException {
        KubernetesConfigMap configMap = new KubernetesConfigMap(dir, fileName);
        Path first = configMap.writeGeneration(content);
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(dir.resolve(fileName), Path.of("..data", fileName));
        return configMap;
    }

    Path dataLink() {
        return dir.resolve("..data");
    }

    /** What the kubelet does on an update. */
    void update(String content) throws IOException {
        Path old = Files.readSymbolicLink(dataLink());
        Path next = writeGeneration(content);
        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, next.getFileName());
        Files.move(tmp, dataLink(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> walk = Files.walk(dir.resolve(old))) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Path writeGeneration(String content) throws IOException {
        generation++;
        Path generationDir = dir.resolve("..2026_01_01_00_00_0" + generation + ".00000000" + generation);
        Files.createDirectories(generationDir);
        Files.writeString(generationDir.resolve(fileName), content);
        return generationDir;
    }
}

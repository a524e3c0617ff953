package dev.junction.fileprovider;

import dev.junction.application.port.out.StaticConfigFilePort;
import dev.junction.domain.config.tree.ConfigNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Reads the static configuration file from Traefik's search path, or the explicit one. */
public final class StaticConfigFileReader implements StaticConfigFilePort {
    private final StaticConfigFile files;

    public StaticConfigFileReader(Map<String, String> environment, Path workingDirectory) {
        this.files = StaticConfigFile.traefikDefaults(environment, workingDirectory);
    }

    @Override
    public Optional<ConfigNode.MapNode> read(Optional<Path> explicitFile) {
        return files.read(explicitFile);
    }
}

package dev.junction.application.port.in;

import dev.junction.domain.config.tree.ConfigNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The static configuration sources of one invocation: an explicit file (else Traefik's search path), the
 * environment's {@code TRAEFIK_*} variables and the command-line flags. Junction merges them, flags over
 * environment over file, where Traefik would take only the first source it finds.
 */
public record StartupRequest(Optional<Path> configFile, ConfigNode.MapNode environment, ConfigNode.MapNode flags) {
    public StartupRequest {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(flags, "flags");
    }
}

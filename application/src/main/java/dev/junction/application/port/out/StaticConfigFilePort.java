package dev.junction.application.port.out;

import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the static configuration file: the explicit one, else the first found on Traefik's search path.
 * Empty when there is no explicit file and none is found; a file that cannot be read or parsed throws.
 */
public interface StaticConfigFilePort {
    Optional<ConfigNode.MapNode> read(Optional<Path> explicitFile) throws ConfigurationException;
}

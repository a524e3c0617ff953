package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds and reads the static configuration file the way Traefik does, so that a Traefik installation's
 * {@code traefik.yml} or {@code traefik.toml} is picked up unchanged: the explicit {@code --configFile} if given,
 * otherwise the first existing file among {@code <base>.toml}, {@code <base>.yaml}, {@code <base>.yml} for the
 * bases {@code /etc/traefik/traefik}, {@code $XDG_CONFIG_HOME/traefik}, {@code $HOME/.config/traefik},
 * {@code ./traefik}, in that order. Unlike Traefik, an explicit file that does not exist is an error instead of
 * silently falling back to the default locations.
 */
public final class StaticConfigFile {

    /** The extensions tried for each base, in Traefik's order. */
    public static final List<String> EXTENSIONS = List.of("toml", "yaml", "yml");

    private final List<Path> searchBases;

    /** @param searchBases file paths without extension, tried in order (see {@link #traefikDefaults}) */
    public StaticConfigFile(List<Path> searchBases) {
        this.searchBases = List.copyOf(searchBases);
    }

    /**
     * Traefik's default search: {@code /etc/traefik/traefik}, {@code $XDG_CONFIG_HOME/traefik} and
     * {@code $HOME/.config/traefik} (each only when the variable is set), then {@code traefik} in
     * {@code workingDirectory}.
     */
    public static StaticConfigFile traefikDefaults(Map<String, String> environment, Path workingDirectory) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        List<Path> bases = new ArrayList<>();
        bases.add(Path.of("/etc/traefik/traefik"));
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            bases.add(Path.of(xdg, "traefik"));
        }
        String home = environment.get("HOME");
        if (home != null && !home.isBlank()) {
            bases.add(Path.of(home, ".config", "traefik"));
        }
        bases.add(workingDirectory.resolve("traefik"));
        return new StaticConfigFile(bases);
    }

    /** Every file tried when no file is given explicitly, in order. */
    public List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        for (Path base : searchBases) {
            for (String extension : EXTENSIONS) {
                candidates.add(Path.of(base + "." + extension));
            }
        }
        return candidates;
    }

    /**
     * The static configuration file to use: {@code explicitFile} when present, else the first existing candidate.
     *
     * @throws ConfigurationException naming the file when {@code explicitFile} does not exist
     */
    public Optional<Path> locate(Optional<Path> explicitFile) {
        Objects.requireNonNull(explicitFile, "explicitFile");
        if (explicitFile.isPresent()) {
            Path file = explicitFile.get();
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException(new ConfigProblem(Origin.of(file.toString()), "configFile",
                        Files.exists(file) ? "the configuration file is not a regular file"
                                : "the configuration file does not exist"));
            }
            return Optional.of(file);
        }
        return candidates().stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * Locates and reads the static configuration file; empty when no file is given and none exists.
     *
     * @throws ConfigurationException naming the file and line when it cannot be read or parsed
     */
    public Optional<ConfigNode.MapNode> read(Optional<Path> explicitFile) {
        return locate(explicitFile).map(StaticConfigFile::readFile);
    }

    /**
     * Reads one configuration file by its extension ({@code .toml}, {@code .yaml}, {@code .yml}).
     *
     * @throws ConfigurationException naming the file when it is missing, unreadable, of another type or invalid
     */
    public static ConfigNode.MapNode readFile(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(new ConfigProblem(Origin.of(file.toString()), "",
                    "the configuration file does not exist"));
        } catch (IOException e) {
            throw new ConfigurationException(new ConfigProblem(Origin.of(file.toString()), "",
                    "cannot read the configuration file: " + e));
        }
        return ConfigFileFormat.readTree(file, content);
    }
}

package dev.junction.domain.config.statics;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The file provider: one file or one directory of dynamic configuration, watched for changes by default. */
public record FileProviderConfig(Optional<Path> filename, Optional<Path> directory, boolean watch) {
    public FileProviderConfig {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(directory, "directory");
    }
}

package dev.junction.domain.config.tree;

import java.util.Objects;

/**
 * Where a piece of configuration came from, so every error can point a user at the file and line (or the
 * flag, or the environment variable) to fix. A line of 0 means the source has no line numbers.
 */
public record Origin(String source, int line) {
    public Origin {
        Objects.requireNonNull(source, "source");
    }

    public static Origin of(String source) {
        return new Origin(source, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}

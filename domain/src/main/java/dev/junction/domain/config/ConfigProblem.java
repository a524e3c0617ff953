package dev.junction.domain.config;

import dev.junction.domain.config.tree.Origin;
import java.util.Objects;

/**
 * One thing wrong with a configuration: where it is, which key, and what is wrong. The single format users
 * see in logs and in {@code junction check}: {@code file:line: key: message} ({@code file:line: message} when the
 * problem has no key, such as a syntax error).
 */
public record ConfigProblem(Origin origin, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return origin + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}

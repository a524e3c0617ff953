package dev.junction.application.status;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one router, middleware or service came out of the last compilation, as Traefik's API reports it:
 * {@code enabled}, {@code warning} (serving, with messages) or {@code disabled} (not serving, with reasons).
 */
public record ObjectStatus(Kind kind, String name, State state, List<String> messages) {

    public enum Kind { ROUTER, MIDDLEWARE, SERVICE }

    public enum State { ENABLED, WARNING, DISABLED }

    public ObjectStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        messages = List.copyOf(messages);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + name + ": " + state.name().toLowerCase(Locale.ROOT)
                + (messages.isEmpty() ? "" : " " + messages);
    }
}

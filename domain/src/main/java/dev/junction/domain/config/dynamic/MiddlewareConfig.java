package dev.junction.domain.config.dynamic;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.tree.Origin;
import java.util.List;
import java.util.Objects;

/** A middleware definition as written; exactly one type per definition, as in Traefik. */
public sealed interface MiddlewareConfig permits MiddlewareConfig.BasicAuth, MiddlewareConfig.Invalid {

    String name();

    Origin origin();

    /** {@code basicAuth}: users as {@code name:hash}, optionally from a file; realm defaults to "traefik". */
    record BasicAuth(String name, Origin origin, List<String> users, String usersFile, String realm,
                     String headerField, boolean removeHeader) implements MiddlewareConfig {
        public static final String DEFAULT_REALM = "traefik";

        public BasicAuth {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            users = List.copyOf(users);
            Objects.requireNonNull(usersFile, "usersFile");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(headerField, "headerField");
        }
    }

    /** A definition that could not be read; routers using it are disabled with these problems. */
    record Invalid(String name, Origin origin, List<ConfigProblem> problems) implements MiddlewareConfig {
        public Invalid {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            problems = List.copyOf(problems);
        }
    }
}

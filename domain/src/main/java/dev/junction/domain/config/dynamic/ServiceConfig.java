package dev.junction.domain.config.dynamic;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.tree.Origin;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/** A service definition as written. */
public sealed interface ServiceConfig permits ServiceConfig.LoadBalancer, ServiceConfig.Invalid {

    String name();

    Origin origin();

    /** {@code loadBalancer}: servers picked by smooth weighted round-robin; Host passed through by default. */
    record LoadBalancer(String name, Origin origin, List<Server> servers, boolean passHostHeader)
            implements ServiceConfig {
        public LoadBalancer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            servers = List.copyOf(servers);
        }
    }

    /** One backend: its URL (whose path is ignored unless {@code preservePath}), and its weight. */
    record Server(URI url, int weight, boolean preservePath) {
        public Server {
            Objects.requireNonNull(url, "url");
        }
    }

    /** A definition that could not be read; routers using it are disabled with these problems. */
    record Invalid(String name, Origin origin, List<ConfigProblem> problems) implements ServiceConfig {
        public Invalid {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            problems = List.copyOf(problems);
        }
    }
}

package dev.junction.domain.config.dynamic;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.tree.Origin;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A service definition as written. */
public sealed interface ServiceConfig permits ServiceConfig.LoadBalancer, ServiceConfig.Invalid {

    String name();

    Origin origin();

    /** {@code loadBalancer}: servers picked by smooth weighted round-robin; Host passed through by default. */
    record LoadBalancer(String name, Origin origin, List<Server> servers, boolean passHostHeader,
                        List<String> middlewares) implements ServiceConfig {
        public LoadBalancer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            servers = List.copyOf(servers);
            middlewares = List.copyOf(middlewares);
        }

        /** A load balancer without service-level middlewares. */
        public LoadBalancer(String name, Origin origin, List<Server> servers, boolean passHostHeader) {
            this(name, origin, servers, passHostHeader, List.of());
        }
    }

    /** One backend: its URL (whose path is ignored unless {@code preservePath}), and its weight. */
    record Server(URI url, int weight, boolean preservePath) {
        public Server {
            Objects.requireNonNull(url, "url");
        }

        /**
         * The URL's host, also one that {@link URI} does not count as a host name: Docker and Compose service names
         * such as {@code my_app} contain '_', which Traefik (Go) accepts and DNS resolves. Empty when there is none.
         */
        public static Optional<String> host(URI url) {
            if (url.getHost() != null) {
                return url.getHost().isEmpty() ? Optional.empty() : Optional.of(url.getHost());
            }
            String authority = url.getRawAuthority();
            if (authority == null) {
                return Optional.empty();
            }
            String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            boolean valid = !host.isEmpty() && host.chars().allMatch(c -> Character.isLetterOrDigit(c)
                    || c == '-' || c == '.' || c == '_');
            String port = colon < 0 ? "" : hostPort.substring(colon + 1);
            boolean portValid = colon < 0 || (port.matches("[0-9]{1,5}") && Integer.parseInt(port) <= 65535);
            return valid && portValid ? Optional.of(host) : Optional.empty();
        }

        /** The URL's explicit port, or -1; read from the authority when {@link URI} found no host. */
        public static int port(URI url) {
            if (url.getHost() != null || url.getRawAuthority() == null) {
                return url.getPort();
            }
            String authority = url.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            return colon < 0 || colon < authority.lastIndexOf('@')
                    ? -1
                    : Integer.parseInt(authority.substring(colon + 1));
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

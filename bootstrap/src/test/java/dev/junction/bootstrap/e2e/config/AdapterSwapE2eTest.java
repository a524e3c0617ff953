package dev.junction.bootstrap.e2e.config;

import static dev.junction.bootstrap.e2e.config.E2e.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.junction.application.port.out.DynamicSourceFactoryPort;
import dev.junction.application.port.out.StaticConfigFilePort;
import dev.junction.bootstrap.FileProviderModule;
import dev.junction.bootstrap.Main;
import dev.junction.bootstrap.e2e.config.E2e.Backend;
import dev.junction.bootstrap.e2e.config.E2e.RunningJunction;
import dev.junction.domain.config.dynamic.DynamicConfiguration;
import dev.junction.domain.config.dynamic.RouterConfig;
import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.config.statics.FileProviderConfig;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import dev.junction.domain.port.DynamicConfigurationSourcePort;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Swapping an adapter is swapping one Guice module: with {@link FileProviderModule} replaced by a module binding
 * the two configuration ports to in-memory implementations, Junction serves a route that exists in no file, and
 * picks up a configuration pushed through the same port while running.
 */
class AdapterSwapE2eTest {
    private static final Origin MEMORY = Origin.of("memory");

    @Test
    void fileProviderModuleSwappedForAnInMemoryModuleServesARouteDefinedOnlyInMemory() {
        try (Backend backend = new Backend("whoami-memory")) {
            InMemorySource source = new InMemorySource(route("to-memory", "memory.example.com", backend.url()));
            List<Module> modules = Main.modules().stream()
                    .map(m -> m instanceof FileProviderModule ? new InMemoryConfigurationModule(source) : m)
                    .toList();
            assertEquals(Main.modules().size(), modules.size());
            assertTrue(modules.stream().noneMatch(FileProviderModule.class::isInstance));

            try (RunningJunction junction = RunningJunction.start(modules, List.of(), Map.of())) {
                assertInstanceOf(InMemorySourceFactory.class,
                        junction.injector.getInstance(DynamicSourceFactoryPort.class));
                int port = junction.port();
                assertEquals(200, status(port, "memory.example.com", "/", null, null));
                assertEquals(1, backend.requests.get());
                assertEquals(404, status(port, "example.com", "/whoami/", null, null));

                E2e.await("the runtime watches the in-memory source", source::watched);
                source.push(route("to-memory", "pushed.example.com", backend.url()));
                E2e.await("a configuration pushed in memory serves",
                        () -> status(port, "pushed.example.com", "/", null, null) == 200);
                assertEquals(404, status(port, "memory.example.com", "/", null, null));
            }
        }
    }

    private static DynamicConfiguration route(String name, String host, String backendUrl) {
        RouterConfig router = new RouterConfig(name, MEMORY, "Host(`" + host + "`)", "memory-service", List.of(),
                List.of(), 0, List.of());
        ServiceConfig service = new ServiceConfig.LoadBalancer("memory-service", MEMORY,
                List.of(new ServiceConfig.Server(URI.create(backendUrl), 1, false)), true);
        return new DynamicConfiguration(Map.of(name, router), Map.of(), Map.of("memory-service", service), List.of());
    }

    /** The in-memory replacement of {@link FileProviderModule}: binds the same two ports, reads no file. */
    private static final class InMemoryConfigurationModule extends AbstractModule {
        private final InMemorySource source;

        InMemoryConfigurationModule(InMemorySource source) {
            this.source = source;
        }

        @Override
        protected void configure() {
            bind(DynamicSourceFactoryPort.class).toInstance(new InMemorySourceFactory(source));
            bind(StaticConfigFilePort.class).toInstance(new InMemoryStaticConfiguration());
        }
    }

    /** The static configuration, as a tree built in code: entrypoint web on a free loopback port. */
    private static final class InMemoryStaticConfiguration implements StaticConfigFilePort {
        @Override
        public Optional<ConfigNode.MapNode> read(Optional<Path> explicitFile) {
            // The runtime opens a dynamic source when providers.file is set, whatever the port's adapter does with it.
            return Optional.of(map(
                    "entryPoints", map("web", map("address", scalar("127.0.0.1:0"))),
                    "providers", map("file", map("filename", scalar("in-memory")))));
        }

        private static ConfigNode.MapNode map(Object... keysAndValues) {
            java.util.LinkedHashMap<String, ConfigNode> entries = new java.util.LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                entries.put((String) keysAndValues[i], (ConfigNode) keysAndValues[i + 1]);
            }
            return new ConfigNode.MapNode(MEMORY, entries);
        }

        private static ConfigNode scalar(String value) {
            return new ConfigNode.ScalarNode(MEMORY, value);
        }
    }

    private static final class InMemorySourceFactory implements DynamicSourceFactoryPort {
        private final InMemorySource source;

        InMemorySourceFactory(InMemorySource source) {
            this.source = source;
        }

        @Override
        public DynamicConfigurationSourcePort open(FileProviderConfig config) {
            return source;
        }
    }

    /** A dynamic configuration source held in memory; {@link #push} plays the part of a provider update. */
    private static final class InMemorySource implements DynamicConfigurationSourcePort {
        private final List<Consumer<DynamicConfiguration>> listeners = new CopyOnWriteArrayList<>();
        private volatile DynamicConfiguration current;

        InMemorySource(DynamicConfiguration initial) {
            this.current = initial;
        }

        void push(DynamicConfiguration next) {
            current = next;
            listeners.forEach(listener -> listener.accept(next));
        }

        boolean watched() {
            return !listeners.isEmpty();
        }

        @Override
        public String providerName() {
            return "memory";
        }

        @Override
        public DynamicConfiguration load() {
            return current;
        }

        @Override
        public void watch(Consumer<DynamicConfiguration> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
            listeners.clear();
        }
    }
}

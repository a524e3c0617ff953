package dev.junction.bootstrap.e2e.forwarding;

import com.google.inject.Guice;
import dev.junction.application.port.in.StartupRequest;
import dev.junction.application.runtime.JunctionRuntime;
import dev.junction.bootstrap.Main;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Junction started in-process the way the jar starts it (the production Guice modules, a static YAML file, the
 * file provider on a directory), listening on 127.0.0.1 on a port the system picks. Closing it stops it as
 * SIGTERM does.
 */
final class RunningJunction implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final JunctionRuntime runtime;
    private final Thread serving;
    private final AtomicReference<Throwable> failure;
    private final int port;
    private boolean closed;

    private RunningJunction(JunctionRuntime runtime, Thread serving, AtomicReference<Throwable> failure, int port) {
        this.runtime = runtime;
        this.serving = serving;
        this.failure = failure;
        this.port = port;
    }

    /** Starts Junction with the given dynamic configuration and default listener limits. */
    static RunningJunction start(Path dir, String dynamicYaml) throws Exception {
        return builder(dir).dynamic(dynamicYaml).start();
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    static final class Builder {
        private final Path dir;
        private String dynamic = "";
        private String entryPointExtra = "";
        private String staticExtra = "";

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** The dynamic configuration file's YAML. */
        Builder dynamic(String yaml) {
            this.dynamic = yaml;
            return this;
        }

        /** YAML lines under {@code entryPoints.web} (indented by 4). */
        Builder entryPoint(String yaml) {
            this.entryPointExtra = yaml;
            return this;
        }

        /** YAML lines at the top level of the static configuration (e.g. {@code serversTransport}). */
        Builder staticConfig(String yaml) {
            this.staticExtra = yaml;
            return this;
        }

        RunningJunction start() throws Exception {
            Path dynamicDir = Files.createDirectories(dir.resolve("dynamic"));
            Files.writeString(dynamicDir.resolve("dynamic.yml"), dynamic, StandardCharsets.UTF_8);
            Path staticFile = dir.resolve("static.yml");
            Files.writeString(staticFile, "entryPoints:\n"
                    + "  web:\n"
                    + "    address: \"127.0.0.1:0\"\n"
                    + entryPointExtra
                    + "providers:\n"
                    + "  file:\n"
                    + "    directory: \"" + dynamicDir.toAbsolutePath() + "\"\n"
                    + "    watch: false\n"
                    + staticExtra, StandardCharsets.UTF_8);
            JunctionRuntime runtime = Guice.createInjector(Main.modules()).getInstance(JunctionRuntime.class);
            ConfigNode.MapNode none = new ConfigNode.MapNode(Origin.of("test"), Map.of());
            StartupRequest request = new StartupRequest(Optional.of(staticFile), none, none);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread serving = new Thread(() -> {
                try {
                    runtime.serve(request);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "junction-e2e-serve");
            serving.setDaemon(true);
            serving.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (runtime.boundPorts().isEmpty()) {
                if (failure.get() != null || !serving.isAlive()) {
                    throw new IllegalStateException("Junction did not start", failure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Junction did not listen within " + START_TIMEOUT);
                }
                Thread.onSpinWait();
                Thread.sleep(5);
            }
            return new RunningJunction(runtime, serving, failure, runtime.boundPorts().get("web"));
        }
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    JunctionRuntime runtime() {
        return runtime;
    }

    /** Stops as SIGTERM does (drains requests in flight) and waits for the serving thread to end. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        runtime.stop();
        serving.join(Duration.ofSeconds(20).toMillis());
        if (failure.get() != null) {
            throw new IllegalStateException("Junction failed while serving", failure.get());
        }
    }

    /** A one-router dynamic configuration: every request on {@code web} goes to the given server urls. */
    static String catchAll(String serviceOptions, String... serverUrls) {
        StringBuilder servers = new StringBuilder();
        for (String url : serverUrls) {
            servers.append("          - url: \"").append(url).append("\"\n");
        }
        return "http:\n"
                + "  routers:\n"
                + "    all:\n"
                + "      rule: \"PathPrefix(`/`)\"\n"
                + "      service: backend\n"
                + "  services:\n"
                + "    backend:\n"
                + "      loadBalancer:\n"
                + serviceOptions
                + "        servers:\n"
                + servers;
    }
}

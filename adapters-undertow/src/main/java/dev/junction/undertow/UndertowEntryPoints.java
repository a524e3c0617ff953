package dev.junction.undertow;

import dev.junction.application.port.out.ListenPort;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.Options;

/**
 * All entrypoints as listeners of one non-blocking Undertow server. Starting fails with one clear message per
 * address that cannot be bound. Stopping closes the listeners first, then lets requests in flight finish
 * within a bounded grace time.
 */
final class UndertowEntryPoints implements ListenPort.Listening {
    private final List<ListenPort.Listener> bindings;
    private final ListenerLimits limits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private Undertow server;

    UndertowEntryPoints(List<ListenPort.Listener> bindings, ListenerLimits limits) {
        this.bindings = List.copyOf(bindings);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    void start() {
        for (ListenPort.Listener b : bindings) {
            checkBindable(b);
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        Undertow.Builder builder = Undertow.builder()
                .setIoThreads(Math.max(2, cpus))
                .setWorkerThreads(Math.max(4, cpus * 2))
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, limits.maxHeaders())
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 1000)
                // no body size limit, as in Traefik: Undertow's default (2 MiB) cut every larger upload short
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.headerReadTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                .setSocketOption(Options.TCP_NODELAY, true)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setSocketOption(Options.BACKLOG, 1024);
        for (ListenPort.Listener b : bindings) {
            builder.addHttpListener(b.port(), b.host().isEmpty() ? "0.0.0.0" : b.host(),
                    new EntryPointListener(b.name(), b.handler(), inFlight));
        }
        server = builder.build();
        server.start();
    }

    /** The ports actually bound, by entrypoint name (useful when a configuration asks for port 0). */
    @Override
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<Undertow.ListenerInfo> infos = server.getListenerInfo();
        for (int i = 0; i < infos.size(); i++) {
            ports.put(bindings.get(i).name(), ((InetSocketAddress) infos.get(i).getAddress()).getPort());
        }
        return ports;
    }

    private static void checkBindable(ListenPort.Listener b) {
        if (b.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(b.host().isEmpty() ? "0.0.0.0" : b.host(), b.port()));
        } catch (BindException e) {
            throw new IllegalStateException("entryPoint \"" + b.name() + "\": cannot listen on "
                    + (b.host().isEmpty() ? "" : b.host()) + ":" + b.port() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("entryPoint \"" + b.name() + "\": " + e.getMessage());
        }
    }

    /** Stops accepting, then waits up to {@code grace} for requests in flight before closing everything. */
    @Override
    public void stop(Duration grace) {
        if (server == null) {
            return;
        }
        for (Undertow.ListenerInfo info : server.getListenerInfo()) {
            info.suspend();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && inFlight.get() > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop();
        server = null;
    }
}

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

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
    private XnioWorker worker;

    UndertowEntryPoints(List<ListenPort.Listener> bindings, ListenerLimits limits) {
        this.bindings = List.copyOf(bindings);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    void start() {
        for (ListenPort.Listener b : bindings) {
            checkBindable(b);
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        worker = createWorker(Math.max(2, cpus), Math.max(4, cpus * 2));
        Undertow.Builder builder = Undertow.builder()
                .setWorker(worker)
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
        try {
            server.start();
        } catch (RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
    }

    /**
     * Junction's own XNIO worker (as Undertow would create it) rather than Undertow's internal one: stopping
     * Undertow then closes only the listening sockets, so new connections are refused at once while requests in
     * flight finish on theirs. Undertow's {@code ListenerInfo.suspend()} is no substitute: it closes every open
     * connection, killing the requests a graceful stop must let finish.
     */
    private static XnioWorker createWorker(int ioThreads, int workerThreads) {
        try {
            return Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                    .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                    .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
                    .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.CORK, true)
                    .getMap());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the listeners' IO threads: " + e.getMessage(), e);
        }
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
        server.stop();
        server = null;
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && inFlight.get() > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
    }
}

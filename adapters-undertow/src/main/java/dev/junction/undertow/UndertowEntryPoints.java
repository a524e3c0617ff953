package dev.junction.undertow;

import dev.junction.application.port.out.ListenPort;
import dev.junction.domain.config.statics.EntryPointTransport;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
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
 * The entrypoints as non-blocking Undertow listeners sharing one XNIO worker. Starting fails with one clear message
 * per address that cannot be bound. Stopping closes the listeners first, then lets requests in flight finish
 * within a bounded grace time.
 */
final class UndertowEntryPoints implements ListenPort.Listening {
    /** Undertow's own buffer size for heaps of 128 MiB and more. */
    private static final int BUFFER_SIZE = 16 * 1024 - 20;
    private final List<ListenPort.Listener> bindings;
    private final ListenerLimits limits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Undertow> servers = new ArrayList<>();
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
        // One IO thread per CPU the JVM sees, as the backend side has; Undertow's own default keeps two even on one
        // CPU. Pinned to one core with its backend, one thread on each side took 8% less CPU per small request than
        // two (paired runs at 50 and 200 connections) with no worse p99: fewer threads to switch between.
        worker = createWorker(Math.max(1, cpus), Math.max(4, cpus * 2));
        try {
            for (ListenPort.Listener b : bindings) {
                Undertow server = server(b);
                servers.add(server);
                server.start();
            }
        } catch (RuntimeException e) {
            servers.forEach(Undertow::stop);
            worker.shutdownNow();
            throw e;
        }
    }

    /** One Undertow server per entrypoint, all on the one worker, since the time bounds are per entrypoint. */
    private Undertow server(ListenPort.Listener b) {
        EntryPointTransport transport = b.transport();
        Undertow.Builder builder = Undertow.builder()
                .setWorker(worker)
                // Undertow sizes its buffers from the heap, and below 128 MiB (the recommended -Xmx128m leaves
                // 123.75 MiB) drops to 1 KiB: an upload then took a read per KiB. Junction's heap does not hold
                // these buffers (they are direct), so they keep the size Undertow gives larger heaps.
                .setBufferSize(BUFFER_SIZE)
                .setDirectBuffers(true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, limits.maxHeaders())
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 1000)
                // no body size limit, as in Traefik: Undertow's default (2 MiB) cut every larger upload short
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                // clients that open with HTTP/2's preface (prior knowledge, as gRPC's do) speak it, as in Traefik
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, b.http2().maxConcurrentStreams())
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_HEADER_TABLE_SIZE, b.http2().maxDecoderHeaderTableSize())
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, limits.maxHeaderBytes())
                .setSocketOption(Options.TCP_NODELAY, true)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setSocketOption(Options.BACKLOG, 1024);
        if (!transport.headerReadTimeout().isZero()) {
            builder.setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(transport.headerReadTimeout()));
        }
        if (!transport.idleTimeout().isZero()) {
            builder.setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(transport.idleTimeout()));
        }
        builder.addHttpListener(b.port(), b.host().isEmpty() ? "0.0.0.0" : b.host(),
                new EntryPointListener(b.name(), b.handler(), inFlight, transport));
        return builder.build();
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
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
        for (int i = 0; i < servers.size(); i++) {
            Undertow.ListenerInfo info = servers.get(i).getListenerInfo().get(0);
            ports.put(bindings.get(i).name(), ((InetSocketAddress) info.getAddress()).getPort());
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

    /** Stops accepting, then waits up to the longest {@code graceTimeOut} for requests in flight, then closes. */
    @Override
    public void stop() {
        if (servers.isEmpty()) {
            return;
        }
        servers.forEach(Undertow::stop);
        servers.clear();
        Duration grace = bindings.stream().map(b -> b.transport().graceTimeOut()).max(Duration::compareTo)
                .orElse(Duration.ZERO);
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

package dev.junction.bootstrap.e2e.forwarding;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 backend on 127.0.0.1 (the JDK's server): it records every request it receives (method, raw
 * target, headers) and answers with its name unless a test gives it another handler.
 */
final class Backend implements AutoCloseable {
    /** What the backend saw of one request. */
    record Seen(String method, String target, Map<String, List<String>> headers, long bodyBytes) {
        /** The first value of a header, case-insensitively; null when absent. */
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        boolean has(String name) {
            return headers.containsKey(name);
        }
    }

    /** Answers one exchange (the request body is already drained unless the backend is {@link #streaming}). */
    interface Handler {
        void handle(HttpExchange exchange, Seen seen) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "e2e-backend");
        t.setDaemon(true);
        return t;
    });
    private final String name;
    private final AtomicInteger hits = new AtomicInteger();
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private Backend(String name, Handler handler, boolean countBody) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            try {
                hits.incrementAndGet();
                long bytes = countBody ? drain(exchange.getRequestBody()) : 0;
                Seen s = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        copy(exchange.getRequestHeaders()), bytes);
                seen.add(s);
                handler.handle(exchange, s);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** A backend that answers 200 with its name as body. */
    static Backend named(String name) throws IOException {
        return new Backend(name, (exchange, seen) -> answer(exchange, 200, name), true);
    }

    static Backend create(String name, Handler handler) throws IOException {
        return new Backend(name, Objects.requireNonNull(handler), true);
    }

    /** A backend whose handler reads the request body itself. */
    static Backend streaming(String name, Handler handler) throws IOException {
        return new Backend(name, Objects.requireNonNull(handler), false);
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String name() {
        return name;
    }

    int hits() {
        return hits.get();
    }

    /** The next request this backend received, waiting at most 5 s. */
    Seen nextRequest() throws InterruptedException {
        Seen s = seen.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("backend " + name + " received no request within 5 s");
        }
        return s;
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }

    private static Map<String, List<String>> copy(Headers headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

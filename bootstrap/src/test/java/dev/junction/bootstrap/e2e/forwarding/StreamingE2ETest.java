package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB body each way passes through Junction while its memory stays flat, also while the receiving side
 * stops reading for a while: back-pressure must reach the sender instead of Junction buffering.
 *
 * <p>Junction runs in this JVM, next to the test's own clients and backends, so the whole JVM is measured. What is
 * measured is the <em>live</em> heap (used heap right after a full {@code System.gc()}, sampled every 250 ms
 * during the transfer) plus direct buffers, relative to the same figure before the transfer. Peak "used" heap
 * without a GC would only measure how lazily G1 collects the short-lived 16 KiB buffers of a 1 GiB stream, not
 * what Junction holds. The clients and backends here stream through fixed 64 KiB buffers, so what grows is what
 * Junction keeps in flight: a proxy without back-pressure keeps what the sender pushes while the receiver pauses
 * (loopback moves well over 64 MiB in the 2 s pause), one with back-pressure keeps a few windows of buffers.
 */
@Timeout(120)
class StreamingE2ETest {
    private static final long GIB = 1L << 30;
    private static final long LIMIT = 64L << 20;
    private static final int BUFFER = 64 * 1024;
    private static final long PAUSE_AFTER = 1L << 20;
    private static final long PAUSE_MILLIS = 2000;

    @TempDir
    Path dir;

    @Test
    void oneGibChunkedUploadStreamsToASlowBackendWithBoundedHeap() throws Exception {
        try (Backend counting = Backend.streaming("counting", (exchange, seen) -> {
            long total = 0;
            boolean paused = false;
            byte[] buffer = new byte[BUFFER];
            InputStream in = exchange.getRequestBody();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (!paused && total >= PAUSE_AFTER) {
                    paused = true;
                    pause(); // a backend that stops reading for a while: the client must be held back
                }
            }
            Backend.answer(exchange, 200, Long.toString(total));
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", counting.url()));
             LiveMemory memory = LiveMemory.start()) {
            long start = System.nanoTime();
            RawClient.Response response;
            try (Socket socket = RawClient.connect(junction.port())) {
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                    try {
                        out.write(("POST /upload HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n"
                                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        byte[] chunk = pattern();
                        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
                        for (long sent = 0; sent < GIB; sent += chunk.length) {
                            out.write(size);
                            out.write(chunk);
                            out.write(crlf);
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                response = RawClient.read(socket.getInputStream());
                upload.get(60, TimeUnit.SECONDS);
            }
            long seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            memory.stop();
            System.out.printf("1 GiB upload through Junction: %d ms, live heap growth %d KiB, direct %d KiB%n",
                    seconds, memory.heapGrowth() >> 10, memory.directGrowth() >> 10);
            assertEquals(200, response.status());
            assertEquals(Long.toString(GIB), response.bodyText());
            memory.assertBounded();
        }
    }

    @Test
    void oneGibDownloadStreamsToASlowClientWithBoundedHeap() throws Exception {
        try (Backend generating = Backend.create("generating", (exchange, seen) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, GIB);
            byte[] chunk = pattern();
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < GIB; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", generating.url()));
             LiveMemory memory = LiveMemory.start()) {
            long start = System.nanoTime();
            long received = 0;
            String status;
            String length;
            try (Socket socket = RawClient.connect(junction.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("GET /download HTTP/1.1\r\nHost: example.com\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = socket.getInputStream();
                status = RawClient.readLine(in);
                length = null;
                for (String line; (line = RawClient.readLine(in)) != null && !line.isEmpty(); ) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = line.substring(15).trim();
                    }
                }
                byte[] buffer = new byte[BUFFER];
                boolean paused = false;
                while (received < GIB) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    received += n;
                    if (!paused && received >= PAUSE_AFTER) {
                        paused = true;
                        pause(); // a client that stops reading for a while: the backend must be held back
                    }
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            memory.stop();
            System.out.printf("1 GiB download through Junction: %d ms, live heap growth %d KiB, direct %d KiB%n",
                    millis, memory.heapGrowth() >> 10, memory.directGrowth() >> 10);
            assertEquals("HTTP/1.1 200 OK", status);
            assertEquals(Long.toString(GIB), length);
            assertEquals(GIB, received);
            memory.assertBounded();
        }
    }

    @Test
    void uploadWithContentLengthLargerThanUndertowsDefaultEntityLimitPasses() throws Exception {
        try (Backend counting = Backend.create("counting", (exchange, seen) ->
                Backend.answer(exchange, 200, Long.toString(seen.bodyBytes())));
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", counting.url()))) {
            byte[] body = new byte[16 << 20];
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(junction.uri("/upload"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(Integer.toString(body.length), r.body());
        }
    }

    private static byte[] pattern() {
        byte[] chunk = new byte[BUFFER];
        Arrays.fill(chunk, (byte) 'j');
        return chunk;
    }

    /** The slow side of the transfer: it stops reading for a fixed time (this wait is the point, not a delay). */
    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples the live heap (after a full GC) and direct buffer memory while a transfer runs. */
    static final class LiveMemory implements AutoCloseable {
        private final long heapBaseline;
        private final long directBaseline;
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long heapPeak;
        private volatile long directPeak;

        private LiveMemory() {
            heapBaseline = liveHeap();
            directBaseline = direct();
            heapPeak = heapBaseline;
            directPeak = directBaseline;
            sampler = new Thread(() -> {
                while (running) {
                    heapPeak = Math.max(heapPeak, liveHeap());
                    directPeak = Math.max(directPeak, direct());
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "e2e-live-memory");
            sampler.setDaemon(true);
            sampler.start();
        }

        static LiveMemory start() {
            return new LiveMemory();
        }

        private static long liveHeap() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        private static long direct() {
            long used = 0;
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    used += pool.getMemoryUsed();
                }
            }
            return used;
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.interrupt();
            sampler.join(10_000);
        }

        long heapGrowth() {
            return heapPeak - heapBaseline;
        }

        long directGrowth() {
            return directPeak - directBaseline;
        }

        void assertBounded() {
            assertTrue(heapGrowth() < LIMIT, "live heap grew by " + (heapGrowth() >> 20) + " MiB");
            assertTrue(directGrowth() < LIMIT, "direct memory grew by " + (directGrowth() >> 20) + " MiB");
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}

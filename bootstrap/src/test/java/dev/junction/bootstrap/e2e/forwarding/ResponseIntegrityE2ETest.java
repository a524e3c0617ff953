package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every byte of a large streamed response arrives, in order, while several run at once: whether the client keeps
 * up or falls behind now and then (its socket fills, writes fall short and wait for it to drain, while the backend
 * keeps delivering chunks from its own IO thread). Each client then asks again on the same connection, which must
 * still be in step. The body is a position-dependent pattern cut into
 * odd-sized pieces, so a lost, repeated or reordered chunk shows.
 */
@Timeout(120)
class ResponseIntegrityE2ETest {
    private static final int SIZE = 8 << 20;
    private static final int CLIENTS = 6;

    @TempDir
    Path dir;

    @Test
    void concurrentLargeResponsesArriveByteExactOnReusedConnections() throws Exception {
        try (Backend patterned = Backend.create("patterned", (exchange, seen) -> {
            boolean chunked = exchange.getRequestURI().getPath().endsWith("/chunked");
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, chunked ? 0 : SIZE);
            byte[] piece = new byte[48 * 1024 + 7];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < SIZE; ) {
                    int n = Math.min(piece.length, SIZE - sent);
                    for (int i = 0; i < n; i++) {
                        piece[i] = patternAt(sent + i);
                    }
                    out.write(piece, 0, n);
                    sent += n;
                }
            }
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", patterned.url()))) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    boolean slow = c % 2 == 1;
                    String path = c % 3 == 0 ? "/chunked" : "/sized";
                    runs.add(clients.submit(() -> {
                        twoOnOneConnection(junction.port(), path, slow);
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(100, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private static void twoOnOneConnection(int port, String path, boolean slow) throws IOException {
        try (Socket socket = new Socket()) {
            // a small receive buffer fills soon, so a slow reader makes Junction's writes fall short
            socket.setReceiveBufferSize(32 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(slow ? new Pausing(socket.getInputStream())
                    : socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 2; i++) {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: example.com\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                RawClient.Response response = RawClient.read(in);
                String what = path + " request " + (i + 1) + (slow ? " (slow reader)" : "");
                assertEquals(200, response.status(), what);
                assertFalse(response.closedEarly(), what + " ended early");
                byte[] body = response.body();
                assertEquals(SIZE, body.length, what);
                for (int at = 0; at < SIZE; at++) {
                    if (body[at] != patternAt(at)) {
                        throw new AssertionError(what + ": byte " + at + " is " + body[at] + ", expected "
                                + patternAt(at));
                    }
                }
            }
        }
    }

    /** A byte that depends on its position, with a period (65,521, a prime) that no buffer size divides. */
    private static byte patternAt(int position) {
        return (byte) (position % 65_521 * 31 >>> 3);
    }

    /** A reader that stops for a moment after every 256 KiB: the sender's socket fills in the meantime. */
    private static final class Pausing extends FilterInputStream {
        private long sincePause;

        Pausing(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (sincePause += n) >= 256 * 1024) {
                sincePause = 0;
                try {
                    Thread.sleep(15); // the point of this reader: it falls behind now and then
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return n;
        }
    }
}

package dev.junction.bootstrap.e2e.forwarding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend on a bare server socket, for what a well-behaved HTTP server will not do: answer with arbitrary
 * headers, never answer, or die in the middle of a body. Each accepted connection is handed to the handler on
 * its own thread; the handler owns the socket.
 */
final class RawBackend implements AutoCloseable {
    interface ConnectionHandler {
        void handle(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "e2e-raw-backend");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();

    RawBackend(ConnectionHandler handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException closed) {
                    return;
                }
                connections.incrementAndGet();
                executor.execute(() -> {
                    try (socket) {
                        handler.handle(socket);
                    } catch (Exception ignored) {
                        // the peer went away: nothing to do in a test backend
                    }
                });
            }
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Reads a request head up to and including the blank line; null if the peer closed first. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        executor.shutdownNow();
    }
}

package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that stop reading a large download hold only a little of Junction's memory each: back-pressure must
 * stop the backend after a bounded amount per response, so that many slow clients cannot fill the heap (the
 * recommended heap is 128 MiB). Measured as in {@link StreamingE2ETest}: the live heap after a full collection,
 * relative to before, while every client has stopped reading.
 */
@Timeout(120)
class SlowClientsMemoryE2ETest {
    private static final int CLIENTS = 32;
    private static final long BODY = 256L << 20;
    private static final int READ_FIRST = 1 << 20;
    /**
     * What each stalled response may hold, on average: its backend connection's buffers (192 KiB), the backend's
     * window (256 KiB), the chunks the writer asked for, and the test backend's own 64 KiB chunk.
     */
    private static final long PER_CLIENT = 1152L << 10;

    @TempDir
    Path dir;

    @Test
    void stalledDownloadsHoldABoundedAmountEach() throws Exception {
        try (Backend generating = Backend.create("generating", (exchange, seen) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, BODY);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 's');
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < BODY; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException clientGone) {
                // the test closes its clients while this is still writing
            }
        });
             RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", generating.url()))) {
            List<Socket> clients = new ArrayList<>();
            try (StreamingE2ETest.LiveMemory memory = StreamingE2ETest.LiveMemory.start()) {
                for (int i = 0; i < CLIENTS; i++) {
                    Socket socket = new Socket();
                    clients.add(socket);
                    socket.setReceiveBufferSize(64 * 1024);
                    socket.connect(new InetSocketAddress("127.0.0.1", junction.port()), 5_000);
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream().write("GET /large HTTP/1.1\r\nHost: example.com\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    InputStream in = socket.getInputStream();
                    assertEquals("HTTP/1.1 200 OK", RawClient.readLine(in));
                    String line;
                    do {
                        line = RawClient.readLine(in);
                        assertNotNull(line, "the connection closed inside the response head");
                    } while (!line.isEmpty());
                    assertEquals(READ_FIRST, in.readNBytes(READ_FIRST).length);
                }
                // every client now stops reading; whatever Junction accepts from the backend meanwhile stays with it
                Thread.sleep(3_000);
                memory.stop();
                long growth = memory.heapGrowth() + memory.directGrowth();
                System.out.printf("%d stalled downloads: live heap +%d KiB, direct +%d KiB%n", CLIENTS,
                        memory.heapGrowth() >> 10, memory.directGrowth() >> 10);
                assertTrue(growth < CLIENTS * PER_CLIENT, "stalled downloads hold " + (growth >> 10) + " KiB, "
                        + (growth / CLIENTS >> 10) + " KiB each");
            } finally {
                for (Socket socket : clients) {
                    socket.close();
                }
            }
        }
    }
}

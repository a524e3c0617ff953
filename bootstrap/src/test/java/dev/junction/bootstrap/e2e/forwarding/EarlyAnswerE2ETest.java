package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that answers before it has read the request body (nginx's {@code return 200} does, and reads the body
 * afterwards to keep the connection). The connection must not carry the next request until the whole body was
 * sent: otherwise the next request's head lands inside the previous body, and what follows it is read as a request
 * of its own, a desync that turns one client's body into another request. Like Go's transport under Traefik,
 * Junction closes such a connection instead of reusing it.
 */
@Timeout(60)
class EarlyAnswerE2ETest {
    private static final int BODY = 1024 * 1024;
    private static final int SENT_BEFORE_THE_ANSWER = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aConnectionWhoseBodyWasCutShortIsNeverReused() throws Exception {
        List<String> requestLines = new CopyOnWriteArrayList<>();
        try (RawBackend backend = new RawBackend(socket -> answerEarlyThenDiscard(socket, requestLines));
             RunningJunction junction = RunningJunction.builder(dir)
                     .staticConfig("serversTransport:\n  maxIdleConnsPerHost: 10\n")
                     .dynamic(RunningJunction.catchAll("", backend.url())).start()) {
            for (String path : List.of("/one", "/two", "/three")) {
                assertEquals("HTTP/1.1 200 OK", uploadPastTheAnswer(junction.port(), path),
                        path + " after " + requestLines);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (requestLines.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of("POST /one HTTP/1.1", "POST /two HTTP/1.1", "POST /three HTTP/1.1"), requestLines,
                    "every request the backend read began where a request begins");
        }
    }

    /** Sends a head and part of the body, reads the answer, then sends the rest of the body and leaves. */
    private static String uploadPastTheAnswer(int port, String path) throws Exception {
        try (Socket client = RawClient.connect(port)) {
            OutputStream out = client.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: a\r\nContent-Length: " + BODY + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[SENT_BEFORE_THE_ANSWER]);
            out.flush();
            RawClient.Response answer;
            try {
                answer = RawClient.read(client.getInputStream());
            } catch (java.io.IOException e) {
                return "no answer to " + path + ": " + e;
            }
            out.write(new byte[BODY - SENT_BEFORE_THE_ANSWER]);
            out.flush();
            return answer.statusLine();
        }
    }

    /**
     * Per request: records the request line (or what stood where one should), answers 200 at once, then reads and
     * drops the body it was announced, and goes on with the next request on the same connection.
     */
    private static void answerEarlyThenDiscard(Socket socket, List<String> requestLines) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String head;
        while ((head = RawBackend.readHead(in)) != null) {
            String line = head.substring(0, head.indexOf("\r\n"));
            requestLines.add(line.length() > 40 ? "not a request line: " + line.substring(0, 40) : line);
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long length = 0;
            for (String field : head.split("\r\n")) {
                if (field.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(field.substring(15).trim());
                }
            }
            in.skipNBytes(length);
        }
    }
}

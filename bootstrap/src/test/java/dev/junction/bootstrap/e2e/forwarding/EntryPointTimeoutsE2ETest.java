package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entrypoint's {@code transport.respondingTimeouts} and {@code lifeCycle}, configured in the static file as a
 * Traefik user writes them. Read and write timeouts bound stalls, not transfers: a slow upload that keeps moving
 * passes a read timeout it outlasts, where Traefik would cut it.
 */
@Timeout(60)
class EntryPointTimeoutsE2ETest {
    private static final String READ_TIMEOUT_1S =
            "    transport:\n      respondingTimeouts:\n        readTimeout: 1s\n";

    @TempDir
    Path dir;

    private RunningJunction withReadTimeout1s(Backend backend) throws Exception {
        return RunningJunction.builder(dir).dynamic(RunningJunction.catchAll("", backend.url()))
                .entryPoint(READ_TIMEOUT_1S).start();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aStalledRequestBodyIsAnswered408AfterReadTimeout() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = withReadTimeout1s(backend);
             Socket client = RawClient.connect(junction.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(ascii("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nten bytes!"));
            out.flush();
            long start = System.nanoTime();
            RawClient.Response response = RawClient.read(client.getInputStream());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(408, response.status(), response.statusLine());
            assertTrue(waited >= 900 && waited < 8000, "answered after " + waited + " ms");
            assertEquals("close", response.header("Connection"));
        }
    }

    @Test
    void aSlowUploadThatKeepsMovingOutlastsReadTimeout() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = withReadTimeout1s(backend);
             Socket client = RawClient.connect(junction.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(ascii("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n"));
            for (int i = 0; i < 10; i++) {
                out.write(ascii("0123456789"));
                out.flush();
                Thread.sleep(300); // 3 s in all, three times the read timeout, never silent for a whole second
            }
            RawClient.Response response = RawClient.read(client.getInputStream());
            assertEquals(200, response.status(), response.statusLine());
            assertEquals(100, backend.nextRequest().bodyBytes());
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterIdleTimeout() throws Exception {
        try (Backend backend = Backend.named("b");
             RunningJunction junction = RunningJunction.builder(dir)
                     .dynamic(RunningJunction.catchAll("", backend.url()))
                     .entryPoint("    transport:\n      respondingTimeouts:\n        idleTimeout: 1s\n").start();
             Socket client = RawClient.connect(junction.port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
            InputStream in = client.getInputStream();
            assertEquals(200, RawClient.read(in).status());
            long start = System.nanoTime();
            int next;
            try {
                next = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the idle connection was still open after 10 s");
            } catch (SocketException reset) {
                next = -1;
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-1, next);
            assertTrue(waited >= 700, "closed after only " + waited + " ms");
        }
    }

    @Test
    void aClientThatTakesNothingForWriteTimeoutLosesItsConnectionAndFreesTheBackend() throws Exception {
        CountDownLatch backendSawClose = new CountDownLatch(1);
        try (RawBackend endless = new RawBackend(socket -> {
            RawBackend.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = new byte[64 * 1024];
            byte[] size = ascii(Integer.toHexString(chunk.length) + "\r\n");
            try {
                for (int i = 0; i < 16 * 1024; i++) { // at most 1 GiB, far more than the socket buffers hold
                    out.write(size);
                    out.write(chunk);
                    out.write(ascii("\r\n"));
                }
            } catch (IOException closed) {
                backendSawClose.countDown();
            }
        });
             RunningJunction junction = RunningJunction.builder(dir)
                     .dynamic(RunningJunction.catchAll("", endless.url()))
                     .entryPoint("    transport:\n      respondingTimeouts:\n        writeTimeout: 1s\n").start();
             Socket client = RawClient.connect(junction.port())) {
            client.setReceiveBufferSize(64 * 1024);
            client.getOutputStream().write(ascii("GET /download HTTP/1.1\r\nHost: a\r\n\r\n"));
            // the client never reads: once the buffers are full Junction can write nothing for a second
            assertTrue(backendSawClose.await(20, TimeUnit.SECONDS),
                    "the backend connection must be closed once the client stalled for writeTimeout");
        }
    }

    @Test
    void requestAcceptGraceTimeoutKeepsServingNewConnectionsAfterTheStopSignal() throws Exception {
        try (Backend backend = Backend.named("b")) {
            RunningJunction junction = RunningJunction.builder(dir)
                    .dynamic(RunningJunction.catchAll("", backend.url()))
                    .entryPoint("    transport:\n      lifeCycle:\n        requestAcceptGraceTimeout: 2s\n"
                            + "        graceTimeOut: 1s\n").start();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    junction.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(500);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> during = client.send(HttpRequest.newBuilder(junction.uri("/late"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, during.statusCode(), "a request 0.5 s after the stop signal must still be served");
            stopping.get(15, TimeUnit.SECONDS);
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), junction.port())) {
                throw new AssertionError("still accepting after the grace period");
            } catch (IOException refused) {
                // stopped accepting once the grace period ended
            }
        }
    }
}

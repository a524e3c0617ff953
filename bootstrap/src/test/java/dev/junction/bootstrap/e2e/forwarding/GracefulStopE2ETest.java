package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stopping as on SIGTERM: no new connections, requests in flight finish. */
@Timeout(60)
class GracefulStopE2ETest {
    @TempDir
    Path dir;

    @Test
    void stopRefusesNewConnectionsAndLetsTheRequestInFlightComplete() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        try (Backend slow = Backend.create("slow", (exchange, seen) -> {
            arrived.countDown();
            try {
                Thread.sleep(1000); // the backend takes a second to answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Backend.answer(exchange, 200, "finally");
        })) {
            RunningJunction junction = RunningJunction.start(dir, RunningJunction.catchAll("", slow.url()));
            int port = junction.port();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(junction.uri("/slow")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "the request did not reach the backend");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    junction.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // while the request is still in flight, a new connection is refused (not accepted and left hanging)
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    Thread.sleep(20);
                } catch (SocketException e) {
                    // refused, or reset while still in the backlog of the listener being closed: not accepted either way
                    refused = true;
                }
            }
            assertFalse(inFlight.isDone(), "the request in flight ended before the backend answered");
            assertTrue(refused, "new connections were still accepted while draining");

            HttpResponse<String> response = inFlight.get(15, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("finally", response.body());
            stopping.get(20, TimeUnit.SECONDS);
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
            assertEquals(1, slow.hits());
        }
    }
}

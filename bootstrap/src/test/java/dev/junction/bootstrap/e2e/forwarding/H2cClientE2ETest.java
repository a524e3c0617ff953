package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that speak HTTP/2 from the first byte (prior knowledge, as gRPC clients do) are served on a plain
 * entrypoint, as Traefik's are: to HTTP/1.1 backends, and to h2c backends with their trailers, so gRPC passes
 * through Junction end to end.
 */
@Timeout(60)
class H2cClientE2ETest {
    @TempDir
    Path dir;

    private CloseableHttpAsyncClient client;

    @BeforeEach
    void startClient() {
        client = HttpAsyncClients.customHttp2().build();
        client.start();
    }

    @AfterEach
    void stopClient() {
        client.close(CloseMode.IMMEDIATE);
    }

    private static String routedTo(String url) {
        return "http:\n"
                + "  routers:\n"
                + "    all:\n"
                + "      rule: \"Host(`example.com`)\"\n"
                + "      service: s\n"
                + "  services:\n"
                + "    s:\n"
                + "      loadBalancer:\n"
                + "        servers:\n"
                + "        - url: \"" + url + "\"\n";
    }

    /** Sends to Junction's port whatever the request's authority says (the Host Junction routes on). */
    private SimpleHttpResponse send(int port, SimpleHttpRequest request) throws Exception {
        return client.execute(new HttpHost("http", "127.0.0.1", port), SimpleRequestProducer.create(request),
                SimpleResponseConsumer.create(), null, null, null).get(20, TimeUnit.SECONDS);
    }

    @Test
    void anHttp2ClientReachesAnHttp11BackendWithoutABodyItNeverSent() throws Exception {
        try (Backend backend = Backend.create("b", (exchange, seen) -> Backend.answer(exchange, 200,
                seen.method() + " " + seen.target() + " te=" + seen.header("Transfer-Encoding") + " length="
                        + seen.header("Content-Length") + " bytes=" + seen.bodyBytes()));
             RunningJunction junction = RunningJunction.start(dir, routedTo(backend.url()))) {
            String base = "http://127.0.0.1:" + junction.port();
            SimpleHttpRequest get = SimpleRequestBuilder.get(base + "/a?q=1").build();
            get.setAuthority(new URIAuthority("example.com"));
            SimpleHttpResponse got = send(junction.port(), get);
            assertEquals(200, got.getCode());
            assertEquals("GET /a?q=1 te=null length=null bytes=0", got.getBodyText());

            SimpleHttpRequest post = SimpleRequestBuilder.post(base + "/up")
                    .setBody("x".repeat(100_000), ContentType.TEXT_PLAIN).build();
            post.setAuthority(new URIAuthority("example.com"));
            SimpleHttpResponse posted = send(junction.port(), post);
            assertEquals(200, posted.getCode());
            assertEquals("POST /up te=chunked length=null bytes=100000", posted.getBodyText(),
                    "HTTP/2 frames the body without declaring its length, so HTTP/1.1 gets it chunked, as from Traefik");
        }
    }

    @Test
    void grpcPassesThroughWithItsTrailers() throws Exception {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("grpc-status", "0");
        status.put("grpc-message", "ok");
        try (H2cBackend grpc = H2cBackend.echoing("application/grpc", new byte[0], status);
             RunningJunction junction = RunningJunction.start(dir, routedTo(grpc.url()))) {
            byte[] message = {0, 0, 0, 0, 2, 'h', 'i'};
            SimpleHttpRequest call = SimpleRequestBuilder.post("http://127.0.0.1:" + junction.port()
                    + "/pkg.Service/Method").setBody(message, ContentType.create("application/grpc"))
                    .addHeader("te", "trailers").build();
            call.setAuthority(new URIAuthority("example.com"));
            List<String> trailers = new ArrayList<>();
            CompletableFuture<byte[]> body = new CompletableFuture<>();
            client.execute(new HttpHost("http", "127.0.0.1", junction.port()), SimpleRequestProducer.create(call),
                    new TrailerCollector(trailers, body), null, null, null);
            assertEquals(new String(message, StandardCharsets.ISO_8859_1),
                    new String(body.get(20, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1));
            assertEquals(List.of("grpc-status: 0", "grpc-message: ok"), trailers);
            assertEquals(1, grpc.hits());
        }
    }

    /** Keeps a response's body and its trailers, which SimpleResponseConsumer drops. */
    private static final class TrailerCollector implements AsyncResponseConsumer<Void> {
        private final List<String> trailers;
        private final CompletableFuture<byte[]> done;
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        private FutureCallback<Void> callback;

        TrailerCollector(List<String> trailers, CompletableFuture<byte[]> done) {
            this.trailers = trailers;
            this.done = done;
        }

        @Override
        public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                    FutureCallback<Void> resultCallback) {
            callback = resultCallback;
            if (entity == null) {
                done.complete(new byte[0]);
                resultCallback.completed(null);
            }
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws java.io.IOException {
            capacityChannel.update(Integer.MAX_VALUE);
        }

        @Override
        public void consume(ByteBuffer src) {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            body.writeBytes(b);
        }

        @Override
        public void streamEnd(List<? extends Header> fields) {
            if (fields != null) {
                fields.forEach(h -> trailers.add(h.getName() + ": " + h.getValue()));
            }
            done.complete(body.toByteArray());
            callback.completed(null);
        }

        @Override
        public void failed(Exception cause) {
            done.completeExceptionally(cause);
        }

        @Override
        public void releaseResources() {
        }
    }
}

package dev.junction.bootstrap.e2e.forwarding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpcWeb through the jar's wiring: a browser-style gRPC-Web call over HTTP/1.1 reaches an h2c backend that answers
 * like a gRPC server (messages, then grpc-status and grpc-message as HTTP/2 trailers), and comes back with the
 * trailers as the body's last frame.
 */
@Timeout(60)
class GrpcWebE2ETest {
    private static final byte[] MESSAGE = {0, 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};

    @TempDir
    Path dir;

    private static String grpcWebTo(String url) {
        return "http:\n"
                + "  routers:\n"
                + "    all:\n"
                + "      rule: \"PathPrefix(`/`)\"\n"
                + "      service: grpc\n"
                + "      middlewares: [web]\n"
                + "  middlewares:\n"
                + "    web:\n"
                + "      grpcWeb:\n"
                + "        allowOrigins: [\"https://app.example\"]\n"
                + "  services:\n"
                + "    grpc:\n"
                + "      loadBalancer:\n"
                + "        servers:\n"
                + "        - url: \"" + url + "\"\n";
    }

    private static Map<String, String> ok() {
        Map<String, String> trailers = new LinkedHashMap<>();
        trailers.put("grpc-status", "0");
        trailers.put("grpc-message", "fine");
        return trailers;
    }

    private static byte[] withTrailerFrame(byte[] messages, String lines) {
        byte[] block = lines.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(messages.length + 5 + block.length).put(messages).put((byte) 0x80)
                .putInt(block.length).put(block).array();
    }

    /** Decodes base64 sent as padded segments, one per chunk: every four characters decode on their own. */
    private static byte[] decodeSegments(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int at = 0; at + 4 <= text.length(); at += 4) {
            out.writeBytes(Base64.getDecoder().decode(text.substring(at, at + 4)));
        }
        return out.toByteArray();
    }

    private static RawClient.Response call(RunningJunction junction, String type, byte[] body) throws Exception {
        return RawClient.exchange(junction.port(), "POST /greet.Greeter/SayHello HTTP/1.1\r\nHost: example.com\r\n"
                + "Origin: https://app.example\r\nX-Grpc-Web: 1\r\nContent-Type: " + type + "\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n"
                + new String(body, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBinaryCallReachesTheGrpcServerAndItsTrailersComeBackInTheBody() throws Exception {
        try (H2cBackend grpc = H2cBackend.echoing("application/grpc+proto", new byte[0], ok());
             RunningJunction junction = RunningJunction.start(dir, grpcWebTo(grpc.url()))) {
            RawClient.Response r = call(junction, "application/grpc-web+proto", MESSAGE);
            assertEquals(200, r.status());
            assertEquals("HTTP/2.0 POST /greet.Greeter/SayHello 10 bytes, te=trailers, type=application/grpc+proto,"
                    + " host=example.com", r.header("X-Seen"));
            assertEquals("application/grpc-web+proto", r.header("Content-Type"));
            assertEquals("https://app.example", r.header("Access-Control-Allow-Origin"));
            assertArrayEquals(withTrailerFrame(MESSAGE, "grpc-status: 0\r\ngrpc-message: fine\r\n"), r.body());
        }
    }

    @Test
    void aTextCallIsBase64BothWays() throws Exception {
        try (H2cBackend grpc = H2cBackend.echoing("application/grpc", new byte[0], ok());
             RunningJunction junction = RunningJunction.start(dir, grpcWebTo(grpc.url()))) {
            byte[] encoded = Base64.getEncoder().encode(MESSAGE);
            RawClient.Response r = call(junction, "application/grpc-web-text", encoded);
            assertEquals(200, r.status());
            assertEquals("application/grpc-web-text", r.header("Content-Type"));
            assertArrayEquals(withTrailerFrame(MESSAGE, "grpc-status: 0\r\ngrpc-message: fine\r\n"),
                    decodeSegments(new String(r.body(), StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void aPreflightIsAnsweredWithoutTheBackend() throws Exception {
        try (H2cBackend grpc = H2cBackend.echoing("application/grpc", new byte[0], ok());
             RunningJunction junction = RunningJunction.start(dir, grpcWebTo(grpc.url()))) {
            RawClient.Response r = RawClient.exchange(junction.port(), "OPTIONS /greet.Greeter/SayHello HTTP/1.1\r\n"
                    + "Host: example.com\r\nOrigin: https://app.example\r\nAccess-Control-Request-Method: POST\r\n"
                    + "Access-Control-Request-Headers: content-type,x-grpc-web\r\nConnection: close\r\n\r\n");
            assertEquals(204, r.status());
            assertEquals("https://app.example", r.header("Access-Control-Allow-Origin"));
            assertEquals(0, grpc.hits());
        }
    }

    @Test
    void aTextCallThatIsNotBase64Gets400() throws Exception {
        try (H2cBackend grpc = H2cBackend.echoing("application/grpc", new byte[0], ok());
             RunningJunction junction = RunningJunction.start(dir, grpcWebTo(grpc.url()))) {
            RawClient.Response r = call(junction, "application/grpc-web-text",
                    "not base64 at all!".getBytes(StandardCharsets.US_ASCII));
            assertEquals(400, r.status());
        }
    }
}

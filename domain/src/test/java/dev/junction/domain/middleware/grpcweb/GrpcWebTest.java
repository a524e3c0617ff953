package dev.junction.domain.middleware.grpcweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.TrailedBody;
import dev.junction.domain.middleware.BodyBytes;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import dev.junction.domain.port.ForwardFailure;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class GrpcWebTest {
    private static final byte[] MESSAGE = {0, 0, 0, 0, 3, 'a', 'b', 'c'};

    /** A body of the given chunks, then these trailers, as an HTTP/2 backend's answer arrives. */
    private static TrailedBody answer(HttpHeaders trailers, byte[]... chunks) {
        return new TrailedBody() {
            @Override
            public HttpHeaders trailers() {
                return trailers;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
                s.onSubscribe(new Flow.Subscription() {
                    private int next;
                    private boolean done;

                    @Override
                    public void request(long n) {
                        for (long i = 0; i < n && !done; i++) {
                            if (next < chunks.length) {
                                s.onNext(ByteBuffer.wrap(chunks[next++]));
                            } else {
                                done = true;
                                s.onComplete();
                            }
                        }
                    }

                    @Override
                    public void cancel() {
                        done = true;
                    }
                });
            }
        };
    }

    private static byte[] trailerFrame(String lines) {
        byte[] block = lines.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + block.length).put((byte) 0x80).putInt(block.length).put(block).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static ListHeaders grpcTrailers() {
        ListHeaders t = new ListHeaders();
        t.add("Grpc-Status", "0");
        t.add("grpc-message", "ok");
        return t;
    }

    @Test
    void aBinaryCallGoesOnAsGrpcAndItsTrailersComeBackAsTheLastFrame() {
        RecordingExchange client = new RecordingExchange().withMethod("POST").withContentLength(MESSAGE.length)
                .withHeader("Content-Type", "application/grpc-web+proto").withHeader("Content-Length", "8")
                .withHeader("Origin", "https://app.example");
        new GrpcWeb(List.of("https://app.example")).handle(client, exchange -> {
            assertEquals("application/grpc+proto", exchange.requestHeaders().first("Content-Type"));
            assertEquals("trailers", exchange.requestHeaders().first("TE"));
            assertNull(exchange.requestHeaders().first("Content-Length"));
            assertEquals(8, exchange.requestContentLength());
            ListHeaders head = new ListHeaders();
            head.add("Content-Type", "application/grpc+proto");
            head.add("Content-Length", "8");
            exchange.stream(200, head, answer(grpcTrailers(), MESSAGE));
        });
        assertEquals(200, client.status());
        HttpHeaders h = client.responseHeaders();
        assertEquals("application/grpc-web+proto", h.first("Content-Type"));
        assertNull(h.first("Content-Length"));
        assertEquals("https://app.example", h.first("Access-Control-Allow-Origin"));
        assertEquals("true", h.first("Access-Control-Allow-Credentials"));
        assertEquals("Content-Type, grpc-status, grpc-message", h.first("Access-Control-Expose-Headers"));
        assertArrayEquals(concat(MESSAGE, trailerFrame("grpc-status: 0\r\ngrpc-message: ok\r\n")),
                BodyBytes.of(client.streamedBody()));
    }

    @Test
    void aTextCallIsDecodedOnTheWayInAndEncodedChunkByChunkOnTheWayOut() {
        String encoded = Base64.getEncoder().encodeToString(MESSAGE);
        RecordingExchange client = new RecordingExchange().withMethod("POST").withContentLength(encoded.length())
                .withHeader("Content-Type", "application/grpc-web-text");
        new GrpcWeb(List.of()).handle(client, exchange -> {
            assertEquals("application/grpc", exchange.requestHeaders().first("Content-Type"));
            assertEquals(-1, exchange.requestContentLength());
            ListHeaders head = new ListHeaders();
            head.add("Content-Type", "application/grpc");
            exchange.stream(200, head, answer(grpcTrailers(), new byte[] {0, 0}, new byte[] {0, 0, 3, 'a'},
                    new byte[] {'b', 'c'}));
        });
        assertEquals("application/grpc-web-text", client.responseHeaders().first("Content-Type"));
        assertNull(client.responseHeaders().first("Access-Control-Allow-Origin"), "no origin is allowed");
        Base64Decoding decoding = new Base64Decoding(() -> { });
        ByteBuffer decoded = decoding.encode(ByteBuffer.wrap(BodyBytes.of(client.streamedBody())));
        byte[] body = new byte[decoded.remaining()];
        decoded.get(body);
        assertArrayEquals(concat(MESSAGE, trailerFrame("grpc-status: 0\r\ngrpc-message: ok\r\n")), body);
    }

    @Test
    void base64SegmentsEachPaddedAreDecodedInAnyChunking() {
        Base64Decoding decoding = new Base64Decoding(() -> { });
        String twoSegments = Base64.getEncoder().encodeToString("ab".getBytes())
                + Base64.getEncoder().encodeToString("cde".getBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : twoSegments.toCharArray()) {
            ByteBuffer decoded = decoding.encode(ByteBuffer.wrap(new byte[] {(byte) c}));
            byte[] b = new byte[decoded.remaining()];
            decoded.get(b);
            out.writeBytes(b);
        }
        assertFalse(decoding.finish().hasRemaining());
        assertEquals("abcde", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aTrailersOnlyAnswerStillEndsWithAnEmptyTrailerFrame() {
        RecordingExchange client = new RecordingExchange().withMethod("POST")
                .withHeader("Content-Type", "application/grpc-web");
        new GrpcWeb(List.of("*")).handle(client, exchange -> {
            ListHeaders head = new ListHeaders();
            head.add("Content-Type", "application/grpc");
            head.add("grpc-status", "5");
            exchange.stream(200, head, null);
        });
        assertEquals("5", client.responseHeaders().first("grpc-status"));
        assertArrayEquals(trailerFrame(""), BodyBytes.of(client.streamedBody()));
    }

    @Test
    void aPreflightForGrpcWebIsAnsweredHereAndGrantsOnlyAllowedOrigins() {
        RecordingHandler next = new RecordingHandler();
        RecordingExchange allowed = new RecordingExchange().withMethod("OPTIONS")
                .withHeader("Origin", "https://app.example").withHeader("Access-Control-Request-Method", "POST")
                .withHeader("Access-Control-Request-Headers", "content-type,x-grpc-web,x-user-agent");
        new GrpcWeb(List.of("https://app.example")).handle(allowed, next);
        assertFalse(next.called());
        assertEquals(204, allowed.status());
        HttpHeaders h = allowed.responseHeaders();
        assertEquals("https://app.example", h.first("Access-Control-Allow-Origin"));
        assertEquals("POST", h.first("Access-Control-Allow-Methods"));
        assertEquals("content-type,x-grpc-web,x-user-agent", h.first("Access-Control-Allow-Headers"));
        assertEquals("600", h.first("Access-Control-Max-Age"));

        RecordingExchange other = new RecordingExchange().withMethod("OPTIONS")
                .withHeader("Origin", "https://evil.example").withHeader("Access-Control-Request-Method", "POST")
                .withHeader("Access-Control-Request-Headers", "x-grpc-web");
        new GrpcWeb(List.of("https://app.example")).handle(other, next);
        assertEquals(204, other.status());
        assertNull(other.responseHeaders().first("Access-Control-Allow-Origin"));
    }

    @Test
    void otherRequestsPassUntouched() {
        RecordingHandler next = new RecordingHandler();
        RecordingExchange plain = new RecordingExchange().withMethod("POST")
                .withHeader("Content-Type", "application/grpc");
        new GrpcWeb(List.of("*")).handle(plain, next);
        assertSame(plain, next.exchange());
        assertTrue(next.called());
    }

    @Test
    void aTextBodyThatIsNotBase64Gets400NotTheBackendsBlame() {
        RecordingExchange client = new RecordingExchange().withMethod("POST").withChunkedBody("not base64!")
                .withHeader("Content-Type", "application/grpc-web-text");
        new GrpcWeb(List.of()).handle(client, exchange -> exchange.requestBody().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable t) {
                exchange.failed(ForwardFailure.BAD_GATEWAY, new ListHeaders(), "Bad Gateway");
            }

            @Override
            public void onComplete() {
                exchange.stream(200, new ListHeaders(), null);
            }
        }));
        assertEquals(400, client.status());
    }
}

package dev.junction.domain.middleware.buffering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.MemoryBuffers;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.port.ForwardFailure;
import dev.junction.domain.port.BodyBufferPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BufferingTest {
    private static final Buffering.Limits LIMITS = new Buffering.Limits(0, 1024, 0, 1024);

    /** A service that answers attempt n with the n-th behaviour (the last one repeats), noting each path seen. */
    private static HttpHandler service(List<Consumer<Exchange>> behaviours, List<String> paths) {
        return exchange -> {
            paths.add(exchange.rawPath());
            exchange.setRawPath(exchange.rawPath() + "/edited");
            behaviours.get(Math.min(paths.size(), behaviours.size()) - 1).accept(exchange);
        };
    }

    private static Consumer<Exchange> unreachable() {
        return e -> e.failed(ForwardFailure.UNREACHABLE, new ListHeaders(), "Bad Gateway");
    }

    private static Consumer<Exchange> answers(int status) {
        return e -> e.stream(status, new ListHeaders(), null);
    }

    private static Buffering buffering(String expression) {
        return new Buffering(LIMITS, expression, new MemoryBuffers());
    }

    @Test
    void withoutAnExpressionARequestIsSentOnce() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        buffering("").handle(client, service(List.of(unreachable(), answers(200)), paths));
        assertEquals(1, paths.size());
        assertEquals(502, client.status());
    }

    @Test
    void aNetworkErrorIsRetriedWhileTheExpressionHoldsEachTimeFromTheOriginalRequest() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange().withRawPath("/a");
        buffering("IsNetworkError() && Attempts() < 3").handle(client, service(List.of(unreachable()), paths));
        assertEquals(List.of("/a", "/a", "/a"), paths);
        assertEquals(502, client.status());
        assertEquals(1, client.answers());
    }

    @Test
    void aRetryThatSucceedsGivesTheClientTheSuccess() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        buffering("IsNetworkError() && Attempts() <= 2").handle(client,
                service(List.of(unreachable(), answers(200)), paths));
        assertEquals(2, paths.size());
        assertEquals(200, client.status());
    }

    @Test
    void aStatusNamedByResponseCodeIsRetriedButOthersAreNot() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        buffering("ResponseCode() == 503 && Attempts() < 5").handle(client,
                service(List.of(answers(503), answers(500), answers(200)), paths));
        assertEquals(2, paths.size());
        assertEquals(500, client.status());
    }

    @Test
    void theRequestMethodCanBeNamed() {
        List<String> paths = new ArrayList<>();
        buffering("RequestMethod() == \"GET\" && ResponseCode() >= 500 && Attempts() < 2").handle(
                new RecordingExchange(), service(List.of(answers(500), answers(200)), paths));
        assertEquals(2, paths.size());
        List<String> posted = new ArrayList<>();
        buffering("RequestMethod() == \"GET\" && ResponseCode() >= 500 && Attempts() < 2").handle(
                new RecordingExchange().withMethod("POST"), service(List.of(answers(500), answers(200)), posted));
        assertEquals(1, posted.size());
    }

    @Test
    void aGatewayTimeoutIsANetworkErrorToo() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        buffering("IsNetworkError() && Attempts() < 2").handle(client, service(List.of(
                e -> e.failed(ForwardFailure.TIMEOUT, new ListHeaders(), "Gateway Timeout"), answers(204)), paths));
        assertEquals(2, paths.size());
        assertEquals(204, client.status());
    }

    @Test
    void anExpressionThatAlwaysHoldsStopsAfterTenRetriesAsOxyDoes() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        buffering("Attempts() > 0").handle(client, service(List.of(answers(503)), paths));
        assertEquals(Buffering.MAX_RETRIES + 1, paths.size());
        assertEquals(503, client.status());
    }

    @Test
    void aClientThatWentAwayIsNeverRetried() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        buffering("Attempts() < 5").handle(client, service(List.of(
                e -> e.failed(ForwardFailure.CLIENT_CLOSED, new ListHeaders(), "")), paths));
        assertEquals(1, paths.size());
    }

    @Test
    void aBadExpressionIsRefusedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Buffering.checkRetryExpression("IsNetworkError() && Tries() < 2"));
        assertTrue(e.getMessage().contains("at 21"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown function Tries()"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Buffering.checkRetryExpression("IsNetworkError() > 1"));
        assertThrows(IllegalArgumentException.class, () -> Buffering.checkRetryExpression("Attempts()"));
    }

    @Test
    void aBackendThatAnswersWhileStillReadingTheBodyStillReadsItWhole() {
        for (String expression : List.of("", "IsNetworkError() && Attempts() < 2")) {
            RecordingExchange client = new RecordingExchange().withMethod("POST").withChunkedBody("hello");
            StringBuilder read = new StringBuilder();
            Flow.Subscription[] sending = new Flow.Subscription[1];
            buffering(expression).handle(client, exchange -> {
                exchange.requestBody().subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        sending[0] = s;
                    }

                    @Override
                    public void onNext(java.nio.ByteBuffer item) {
                        read.append(java.nio.charset.StandardCharsets.UTF_8.decode(item));
                    }

                    @Override
                    public void onError(Throwable t) {
                        read.append("error: ").append(t.getMessage());
                    }

                    @Override
                    public void onComplete() {
                    }
                });
                exchange.stream(401, new ListHeaders(), null);
            });
            sending[0].request(Long.MAX_VALUE);
            assertEquals(401, client.status());
            assertEquals("hello", read.toString(), "expression \"" + expression + "\"");
        }
    }

    /** Buffers whose every piece fails to be kept, as on a full disk. */
    private static BodyBufferPort failingBuffers() {
        BodyBufferPort memory = new MemoryBuffers();
        return limit -> new BodyBufferPort.Buffer() {
            private final BodyBufferPort.Buffer inner = memory.create(limit);

            @Override
            public CompletionStage<Void> append(ByteBuffer bytes) {
                return CompletableFuture.failedFuture(new IOException("No space left on device"));
            }

            @Override
            public long size() {
                return inner.size();
            }

            @Override
            public Flow.Publisher<ByteBuffer> contents() {
                return inner.contents();
            }

            @Override
            public boolean isOwnThread() {
                return false;
            }

            @Override
            public void release() {
                inner.release();
            }
        };
    }

    /** A body that sends one piece, then breaks off. */
    private static Flow.Publisher<ByteBuffer> brokenBody() {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean sent;

            @Override
            public void request(long n) {
                if (!sent) {
                    sent = true;
                    subscriber.onNext(ByteBuffer.wrap(new byte[] {'a'}));
                    subscriber.onError(new IOException("connection reset"));
                }
            }

            @Override
            public void cancel() {
            }
        });
    }

    @Test
    void aRequestBodyTheBufferCannotKeepIsTheProxysFaultNotTheClients() {
        List<String> paths = new ArrayList<>();
        RecordingExchange client = new RecordingExchange().withMethod("POST").withChunkedBody("hello");
        new Buffering(LIMITS, "", failingBuffers()).handle(client, service(List.of(answers(200)), paths));
        assertEquals(500, client.status());
        assertEquals(List.of(), paths, "nothing reaches the backend");
    }

    @Test
    void aResponseBodyTheBufferCannotKeepIs500AndOneThatBreaksOffIs502() {
        RecordingExchange full = new RecordingExchange();
        new Buffering(LIMITS, "", failingBuffers()).handle(full,
                e -> e.stream(200, new ListHeaders(), new MemoryBuffers().create(0).contents()));
        assertEquals(200, full.status(), "an empty body needs no buffer");

        RecordingExchange failing = new RecordingExchange();
        new Buffering(LIMITS, "", failingBuffers()).handle(failing,
                e -> e.stream(200, new ListHeaders(), brokenBody()));
        assertEquals(500, failing.status());

        RecordingExchange broken = new RecordingExchange();
        buffering("").handle(broken, e -> e.stream(200, new ListHeaders(), brokenBody()));
        assertEquals(502, broken.status());
    }
}

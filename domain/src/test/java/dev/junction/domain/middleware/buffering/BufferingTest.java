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
import java.util.ArrayList;
import java.util.List;
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
}

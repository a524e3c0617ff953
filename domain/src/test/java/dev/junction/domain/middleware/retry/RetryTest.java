package dev.junction.domain.middleware.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.StatusRange;
import dev.junction.domain.middleware.MemoryBuffers;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.ratelimit.ManualTimer;
import dev.junction.domain.port.ForwardFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final ManualTimer timer = new ManualTimer();

    /** A service that answers attempt n with the n-th behaviour. */
    private static HttpHandler service(List<Consumer<Exchange>> behaviours, List<Integer> attempts) {
        return exchange -> {
            attempts.add(attempts.size() + 1);
            behaviours.get(Math.min(attempts.size(), behaviours.size()) - 1).accept(exchange);
        };
    }

    private static Consumer<Exchange> unreachable() {
        return e -> e.failed(ForwardFailure.UNREACHABLE, new ListHeaders(), "Bad Gateway");
    }

    private static Consumer<Exchange> answers(int status) {
        return e -> e.stream(status, new ListHeaders(), null);
    }

    private Retry retry(int attempts, Duration initial, List<StatusRange> status) {
        return new Retry(new Retry.Settings(attempts, initial, Duration.ZERO, status, false, false, 100), timer,
                new MemoryBuffers());
    }

    @Test
    void anUnreachableBackendIsTriedAgainUntilOneAnswers() {
        List<Integer> attempts = new ArrayList<>();
        RecordingExchange client = new RecordingExchange().withMethod("POST");
        retry(3, Duration.ZERO, List.of()).handle(client,
                service(List.of(unreachable(), unreachable(), answers(200)), attempts));
        assertEquals(3, attempts.size());
        assertEquals(200, client.status());
    }

    @Test
    void theLastFailureGoesToTheClientWhenAttemptsRunOut() {
        List<Integer> attempts = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        retry(2, Duration.ZERO, List.of()).handle(client, service(List.of(unreachable()), attempts));
        assertEquals(2, attempts.size());
        assertEquals(502, client.status());
        assertEquals(1, client.answers());
    }

    @Test
    void aFailureAfterTheRequestWasSentIsNotRetried() {
        List<Integer> attempts = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        retry(3, Duration.ZERO, List.of()).handle(client, service(List.of(
                e -> e.failed(ForwardFailure.BAD_GATEWAY, new ListHeaders(), "Bad Gateway")), attempts));
        assertEquals(1, attempts.size());
        assertEquals(502, client.status());
    }

    @Test
    void aStatusIsRetriedOnlyWhenListed() {
        List<Integer> attempts = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        retry(3, Duration.ZERO, List.of()).handle(client, service(List.of(answers(503), answers(200)), attempts));
        assertEquals(1, attempts.size());
        assertEquals(503, client.status());

        List<Integer> listed = new ArrayList<>();
        RecordingExchange again = new RecordingExchange();
        retry(3, Duration.ZERO, List.of(new StatusRange(500, 599))).handle(again,
                service(List.of(answers(503), answers(200)), listed));
        assertEquals(2, listed.size());
        assertEquals(200, again.status());
    }

    @Test
    void nonIdempotentMethodsAreNotRetriedOnStatus() {
        List<Integer> attempts = new ArrayList<>();
        RecordingExchange client = new RecordingExchange().withMethod("POST");
        retry(3, Duration.ZERO, List.of(new StatusRange(503, 503))).handle(client,
                service(List.of(answers(503), answers(200)), attempts));
        assertEquals(1, attempts.size());
        assertEquals(503, client.status());
    }

    @Test
    void waitsGrowSoTheLastIsAboutTwiceTheFirst() {
        List<Integer> attempts = new ArrayList<>();
        RecordingExchange client = new RecordingExchange();
        retry(3, Duration.ofMillis(100), List.of()).handle(client,
                service(List.of(unreachable(), unreachable(), answers(200)), attempts));
        assertEquals(1, attempts.size());
        timer.advance(Duration.ofMillis(100));
        assertEquals(2, attempts.size());
        timer.advance(Duration.ofMillis(141));
        assertEquals(2, attempts.size());
        timer.advance(Duration.ofMillis(1));
        assertEquals(3, attempts.size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofNanos(141_421_356)), timer.delays());
        assertEquals(200, client.status());
    }

    @Test
    void aRequestWithABodyOverTheLimitIsSentOnce() {
        List<Integer> attempts = new ArrayList<>();
        RecordingExchange client = new RecordingExchange().withContentLength(101);
        retry(3, Duration.ZERO, List.of()).handle(client, service(List.of(unreachable()), attempts));
        assertEquals(1, attempts.size());
        assertEquals(502, client.status());
    }

    @Test
    void eachAttemptStartsFromTheRequestAsItReachedTheRetry() {
        List<String> paths = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        HttpHandler service = service(List.of(unreachable(), answers(200)), attempts);
        dev.junction.domain.middleware.path.AddPrefix prefix = new dev.junction.domain.middleware.path.AddPrefix("/v1");
        RecordingExchange client = new RecordingExchange().withRawPath("/x");
        retry(2, Duration.ZERO, List.of()).handle(client, exchange -> prefix.handle(exchange, e -> {
            paths.add(e.rawPath());
            e.requestHeaders().add("X-Seen", "yes");
            service.handle(e);
        }));
        assertEquals(List.of("/v1/x", "/v1/x"), paths);
        assertEquals(List.of("yes"), client.requestHeaders().all("X-Seen"));
        assertEquals(200, client.status());
    }
}

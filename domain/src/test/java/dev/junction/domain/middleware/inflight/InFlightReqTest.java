package dev.junction.domain.middleware.inflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import dev.junction.domain.middleware.ratelimit.RequestSource;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class InFlightReqTest {
    private final InFlightReq limit = new InFlightReq(2, new RequestSource.RequestHeader("X-Tenant"));

    private static RecordingExchange tenant(String name) {
        return new RecordingExchange().withHeader("X-Tenant", name);
    }

    @Test
    void refusesOneMoreThanTheAmountWith429() {
        RecordingHandler next = new RecordingHandler();
        limit.handle(tenant("a"), next);
        limit.handle(tenant("a"), next);
        RecordingExchange third = tenant("a");
        limit.handle(third, next);
        assertEquals(2, next.calls());
        assertEquals(429, third.status());
        assertEquals("Too Many Requests", third.responseBody());
        assertEquals(2, limit.inFlight("a"));
    }

    @Test
    void anAnswerFreesItsPlace() {
        RecordingHandler next = new RecordingHandler();
        limit.handle(tenant("a"), next);
        Exchange first = next.exchange();
        limit.handle(tenant("a"), next);
        first.respond(200, new ListHeaders(), "done");
        first.respond(200, new ListHeaders(), "twice");
        assertEquals(1, limit.inFlight("a"));
        limit.handle(tenant("a"), next);
        assertEquals(3, next.calls());
    }

    @Test
    void aStreamedAnswerHoldsItsPlaceUntilItsBodyEnds() {
        RecordingHandler next = new RecordingHandler();
        RecordingExchange client = tenant("a");
        limit.handle(client, next);
        Flow.Subscriber<? super ByteBuffer>[] held = new Flow.Subscriber[1];
        next.exchange().stream(200, new ListHeaders(), subscriber -> {
            held[0] = subscriber;
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
        });
        client.streamedBody().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertEquals(1, limit.inFlight("a"));
        held[0].onComplete();
        assertEquals(0, limit.inFlight("a"));
    }

    @Test
    void sourcesAreCountedApart() {
        RecordingHandler next = new RecordingHandler();
        limit.handle(tenant("a"), next);
        limit.handle(tenant("a"), next);
        limit.handle(tenant("b"), next);
        assertEquals(3, next.calls());
    }

    @Test
    void aNonPositiveAmountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InFlightReq(0, new RequestSource.RequestHost()));
    }
}

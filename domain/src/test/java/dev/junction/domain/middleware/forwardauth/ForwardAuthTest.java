package dev.junction.domain.middleware.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import dev.junction.domain.middleware.ratelimit.ManualTimer;
import dev.junction.domain.port.ForwardRequestPort;
import dev.junction.domain.port.UpstreamRequest;
import dev.junction.domain.port.UpstreamResponseHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardAuthTest {
    private final ManualTimer timer = new ManualTimer();
    private final List<UpstreamRequest> sent = new ArrayList<>();
    private final List<UpstreamResponseHandler> pending = new ArrayList<>();
    private final boolean[] cancelled = {false};
    private final ForwardRequestPort forwarder = (request, handler) -> {
        sent.add(request);
        pending.add(handler);
        return () -> cancelled[0] = true;
    };

    private ForwardAuth auth(boolean trust) {
        return new ForwardAuth(new ForwardAuth.Settings(URI.create("http://auth.local:9091/verify?app=1"), trust,
                List.of("X-User"), null, List.of(), List.of(), false, false, false, -1), forwarder, timer,
                memoryLimit -> {
                    throw new AssertionError("no body is buffered without forwardBody");
                });
    }

    @Test
    void theAuthRequestCarriesForwardedHeadersAndTheClientsOnlyWhenTrusted() {
        RecordingExchange client = new RecordingExchange().withMethod("POST").withHostHeader("app.example")
                .withRawPath("/p").withRawQuery("q=1").withClientAddress("10.0.0.7")
                .withHeader("X-Forwarded-Uri", "/forged").withHeader("Cookie", "s=1");
        auth(false).handle(client, new RecordingHandler());
        UpstreamRequest request = sent.get(0);
        assertEquals("GET", request.method());
        assertEquals("auth.local", request.host());
        assertEquals(9091, request.port());
        assertEquals("/verify?app=1", request.target());
        HttpHeaders h = request.headers();
        assertEquals("/p?q=1", h.first("X-Forwarded-Uri"));
        assertEquals("POST", h.first("X-Forwarded-Method"));
        assertEquals("app.example", h.first("X-Forwarded-Host"));
        assertEquals("10.0.0.7", h.first("X-Forwarded-For"));
        assertEquals("s=1", h.first("Cookie"));

        auth(true).handle(client, new RecordingHandler());
        assertEquals("/forged", sent.get(1).headers().first("X-Forwarded-Uri"));
    }

    @Test
    void aYesLetsTheRequestOnWithTheChosenHeadersReplacingTheClients() {
        RecordingExchange client = new RecordingExchange().withHeader("X-User", "forged");
        RecordingHandler next = new RecordingHandler();
        auth(false).handle(client, next);
        ListHeaders answer = new ListHeaders();
        answer.add("X-User", "alice");
        answer.add("X-Other", "no");
        pending.get(0).onResponse(204, answer, null);
        assertTrue(next.called());
        assertEquals(List.of("alice"), client.requestHeaders().all("X-User"));
        assertFalse(client.requestHeaders().contains("X-Other"));
    }

    @Test
    void anAuthServerThatNeverAnswersGets500After30SecondsAndItsRequestCancelled() {
        RecordingExchange client = new RecordingExchange();
        RecordingHandler next = new RecordingHandler();
        auth(false).handle(client, next);
        timer.advance(Duration.ofSeconds(29));
        assertFalse(client.answered());
        timer.advance(Duration.ofSeconds(1));
        assertEquals(500, client.status());
        assertTrue(cancelled[0]);
        pending.get(0).onResponse(200, new ListHeaders(), null);
        assertFalse(next.called());
        assertEquals(1, client.answers());
    }
}

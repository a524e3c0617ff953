package dev.junction.domain.middleware.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.MemoryBuffers;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.middleware.RecordingHandler;
import dev.junction.domain.middleware.ratelimit.ManualTimer;
import dev.junction.domain.port.ForwardRequestPort;
import dev.junction.domain.port.UpstreamRequest;
import dev.junction.domain.port.UpstreamResponseHandler;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
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
                List.of("X-User"), null, List.of(), List.of(), false, false, false, -1, -1, ""), forwarder, timer,
                memoryLimit -> {
                    throw new AssertionError("no body is buffered without forwardBody");
                });
    }

    private ForwardAuth auth(long maxResponseBodySize, String signIn) {
        return new ForwardAuth(new ForwardAuth.Settings(URI.create("http://auth.local:9091/verify"), false,
                List.of("X-User"), null, List.of(), List.of(), false, false, false, -1, maxResponseBodySize, signIn),
                forwarder, timer, new MemoryBuffers());
    }

    private static Flow.Publisher<ByteBuffer> text(String body) {
        return subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onNext(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
            subscriber.onComplete();
        };
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

    @Test
    void anAnswerLongerThanMaxResponseBodySizeGivesAnEmpty401WhateverItsStatus() {
        for (int status : new int[] {200, 403}) {
            RecordingExchange client = new RecordingExchange();
            RecordingHandler next = new RecordingHandler();
            auth(4, "").handle(client, next);
            pending.get(pending.size() - 1).onResponse(status, new ListHeaders(), text("12345"));
            assertFalse(next.called());
            assertEquals(401, client.status());
            assertEquals("", client.responseBody());
        }
    }

    @Test
    void anAnswerWithinMaxResponseBodySizeIsDecidedAsUsual() {
        RecordingExchange client = new RecordingExchange();
        RecordingHandler next = new RecordingHandler();
        auth(4, "").handle(client, next);
        pending.get(0).onResponse(200, new ListHeaders(), text("1234"));
        assertTrue(next.called());

        RecordingExchange refused = new RecordingExchange();
        auth(4, "").handle(refused, new RecordingHandler());
        pending.get(1).onResponse(403, new ListHeaders(), text("no"));
        assertEquals(403, refused.status());
        assertTrue(refused.streamedBody() != null);
    }

    @Test
    void a401BecomesARedirectToTheSignInUrlButOtherRefusalsDoNot() {
        RecordingExchange client = new RecordingExchange().withRawPath("/app/page");
        auth(-1, "https://login.example/start").handle(client, new RecordingHandler());
        pending.get(0).onResponse(401, new ListHeaders(), text("who are you"));
        assertEquals(302, client.status());
        assertEquals("https://login.example/start", client.responseHeaders().first("Location"));
        assertTrue(client.responseBody().contains("Found"));

        RecordingExchange relative = new RecordingExchange().withRawPath("/app/page").withMethod("POST");
        auth(-1, "login").handle(relative, new RecordingHandler());
        pending.get(1).onResponse(401, new ListHeaders(), null);
        assertEquals(302, relative.status());
        assertEquals("/app/login", relative.responseHeaders().first("Location"));
        assertEquals("", relative.responseBody());

        RecordingExchange forbidden = new RecordingExchange();
        auth(-1, "https://login.example/start").handle(forbidden, new RecordingHandler());
        pending.get(2).onResponse(403, new ListHeaders(), null);
        assertEquals(403, forbidden.status());
    }

    @Test
    void anAuthAnswerWhoseBodyStallsStillEndsIn500After30Seconds() {
        RecordingExchange client = new RecordingExchange();
        RecordingHandler next = new RecordingHandler();
        auth(100, "").handle(client, next);
        boolean[] cancelledBody = {false};
        pending.get(0).onResponse(200, new ListHeaders(), subscriber -> subscriber.onSubscribe(
                new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                        cancelledBody[0] = true;
                    }
                }));
        timer.advance(Duration.ofSeconds(29));
        assertFalse(client.answered());
        timer.advance(Duration.ofSeconds(1));
        assertEquals(500, client.status());
        assertTrue(cancelled[0]);
        assertFalse(next.called());
    }
}

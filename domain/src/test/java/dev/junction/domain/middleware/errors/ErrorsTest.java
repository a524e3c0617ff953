package dev.junction.domain.middleware.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.StatusRange;
import dev.junction.domain.middleware.RecordingExchange;
import dev.junction.domain.port.ForwardFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    private final List<String> pageRequests = new ArrayList<>();
    private final HttpHandler pages = exchange -> {
        pageRequests.add(exchange.method() + " " + exchange.rawPath() + "?" + exchange.rawQuery());
        ListHeaders headers = new ListHeaders();
        headers.set("Content-Type", "text/html");
        exchange.respond(200, headers, "<h1>page</h1>");
    };

    private Errors errors() {
        return new Errors(List.of(new StatusRange(404, 404), new StatusRange(500, 599)),
                Map.of(new StatusRange(502, 502), 503), "/{status}.html?was={originalStatus}&u={url}", Optional.empty(), pages);
    }

    private static HttpHandler answering(int status) {
        return exchange -> exchange.respond(status, new ListHeaders(), "backend");
    }

    @Test
    void aCaughtStatusGetsThePageUnderThatStatus() {
        RecordingExchange client = new RecordingExchange().withMethod("POST").withRawPath("/a b").withRawQuery("x=1");
        errors().handle(client, answering(404));
        assertEquals(404, client.status());
        assertEquals("<h1>page</h1>", client.responseBody());
        assertEquals("text/html", client.responseHeaders().first("Content-Type"));
        assertEquals(List.of("GET /404.html?was=404&u=%2Fa+b%3Fx%3D1"), pageRequests);
    }

    @Test
    void aRewriteChangesTheStatusTheClientGetsAndThePageAsked() {
        RecordingExchange client = new RecordingExchange();
        errors().handle(client, exchange -> exchange.failed(ForwardFailure.UNREACHABLE, new ListHeaders(), "x"));
        assertEquals(503, client.status());
        assertEquals(List.of("GET /503.html?was=502&u=%2F"), pageRequests);
    }

    @Test
    void otherStatusesPassUntouched() {
        RecordingExchange client = new RecordingExchange();
        errors().handle(client, answering(401));
        assertEquals(401, client.status());
        assertEquals("backend", client.responseBody());
        assertEquals(List.of(), pageRequests);
    }

    @Test
    void aPageThatCannotBeFetchedLeavesTheStatusWithItsText() {
        RecordingExchange client = new RecordingExchange();
        new Errors(List.of(new StatusRange(500, 599)), Map.of(), "/", Optional.empty(), exchange ->
                exchange.failed(ForwardFailure.UNREACHABLE, new ListHeaders(), "Bad Gateway"))
                .handle(client, answering(500));
        assertEquals(500, client.status());
        assertEquals("Internal Server Error", client.responseBody());
    }

    @Test
    void errorRequestHeadersChoosesWhichRequestHeadersThePageRequestCarries() {
        List<List<String>> seen = new ArrayList<>();
        HttpHandler page = exchange -> {
            List<String> names = new ArrayList<>();
            exchange.requestHeaders().forEach((name, value) -> names.add(name));
            seen.add(names);
            exchange.respond(200, new ListHeaders(), "page");
        };
        for (Optional<List<String>> only : List.of(Optional.<List<String>>empty(), Optional.of(List.of("accept")),
                Optional.<List<String>>of(List.of()))) {
            RecordingExchange client = new RecordingExchange().withHeader("Accept", "text/html")
                    .withHeader("Authorization", "Bearer secret").withHeader("Cookie", "s=1");
            new Errors(List.of(new StatusRange(500, 599)), Map.of(), "/", only, page).handle(client, answering(500));
            assertEquals(500, client.status());
        }
        assertEquals(List.of(List.of("Accept", "Authorization", "Cookie"), List.of("Accept"), List.of()), seen);
    }
}

package dev.junction.domain.middleware.contenttype;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.middleware.Middleware;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;

/**
 * {@code contentType}: Traefik v3 leaves an answer without {@code Content-Type} as it is, unless this middleware is
 * on the router; then the type is sniffed from the body's first bytes, as Go does it. A streamed body is held
 * until its first chunk arrives (or it ends), then passed on whole, with back-pressure kept.
 */
public final class ContentType implements Middleware {

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        next.handle(new Sniffing(exchange));
    }

    private static HttpHeaders typed(HttpHeaders given, String type) {
        ListHeaders headers = new ListHeaders();
        given.forEach(headers::add);
        headers.set("Content-Type", type);
        return headers;
    }

    /** Answers of later steps, given a type when they have none. */
    private static final class Sniffing extends ForwardingExchange {
        Sniffing(Exchange delegate) {
            super(delegate);
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            if (headers.contains("Content-Type") || body.isEmpty()) {
                super.respond(status, headers, body);
                return;
            }
            super.respond(status, typed(headers, ContentSniffer.sniff(
                    ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))), body);
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (headers.contains("Content-Type") || body == null) {
                super.stream(status, headers, body);
                return;
            }
            PeekedBody peeked = new PeekedBody(body);
            peeked.whenFirst(first -> super.stream(status,
                    first == null ? headers : typed(headers, ContentSniffer.sniff(first)), peeked));
        }
    }

    @Override
    public String toString() {
        return "contentType";
    }
}

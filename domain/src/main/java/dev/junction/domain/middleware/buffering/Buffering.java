package dev.junction.domain.middleware.buffering;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.ObservedBody;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.BodyBufferPort;
import dev.junction.domain.port.ForwardFailure;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * {@code buffering}, as Traefik's (oxy's) buffer: the whole request body is read before the backend is called, so
 * it gets a known length, and the whole response body before the client gets any of it. Bodies are kept in memory
 * up to {@code mem*BodyBytes} and in a temporary file beyond. A request body over {@code maxRequestBodyBytes} is
 * answered 413 (at once when its declared length says so); a response over {@code maxResponseBodyBytes} becomes a
 * 500. A limit of 0 means none.
 */
public final class Buffering implements Middleware {
    /** The four byte limits of a definition. */
    public record Limits(long maxRequestBodyBytes, long memRequestBodyBytes, long maxResponseBodyBytes,
                         long memResponseBodyBytes) {
    }

    private final Limits limits;
    private final BodyBufferPort buffers;

    public Buffering(Limits limits, BodyBufferPort buffers) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        long declared = exchange.requestContentLength();
        long max = limits.maxRequestBodyBytes();
        if (max > 0 && declared > max) {
            plain(exchange, 413);
            return;
        }
        if (declared == 0) {
            next.handle(new BufferedResponse(exchange, null));
            return;
        }
        BodyBufferPort.Buffer buffer = buffers.create(limits.memRequestBodyBytes());
        BodyCollector.collect(exchange.requestBody(), buffer, max,
                () -> next.handle(new BufferedResponse(exchange, buffer)),
                tooLarge -> plain(exchange, tooLarge ? 413 : 400));
    }

    private static void plain(Exchange exchange, int status) {
        PlainAnswer.send(exchange, status);
    }

    /** The request as later steps see it (its body replayed from the buffer), and its answer buffered too. */
    private final class BufferedResponse extends ForwardingExchange {
        private final BodyBufferPort.Buffer request;

        BufferedResponse(Exchange delegate, BodyBufferPort.Buffer request) {
            super(delegate);
            this.request = request;
        }

        @Override
        public long requestContentLength() {
            return request == null ? super.requestContentLength() : request.size();
        }

        @Override
        public Flow.Publisher<ByteBuffer> requestBody() {
            return request == null ? super.requestBody() : ObservedBody.onEnd(request.contents(), request::release);
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            releaseRequest();
            super.respond(status, headers, body);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            releaseRequest();
            super.failed(failure, headers, body);
        }

        private void releaseRequest() {
            if (request != null) {
                request.release();
            }
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (body == null) {
                super.stream(status, headers, null);
                return;
            }
            BodyBufferPort.Buffer response = buffers.create(limits.memResponseBodyBytes());
            BodyCollector.collect(body, response, limits.maxResponseBodyBytes(), () -> {
                ListHeaders sized = new ListHeaders();
                headers.forEach(sized::add);
                sized.remove("Transfer-Encoding");
                sized.set("Content-Length", Long.toString(response.size()));
                super.stream(status, sized, ObservedBody.onEnd(response.contents(), response::release));
            }, tooLarge -> plain(delegate(), 500));
        }
    }

    @Override
    public String toString() {
        return "buffering " + limits;
    }
}

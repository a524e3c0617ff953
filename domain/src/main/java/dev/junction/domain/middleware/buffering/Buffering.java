package dev.junction.domain.middleware.buffering;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.StatusText;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.port.BodyBufferPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

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
        collect(exchange.requestBody(), buffer, max,
                () -> next.handle(new BufferedResponse(exchange, buffer)),
                tooLarge -> plain(exchange, tooLarge ? 413 : 400));
    }

    private static void plain(Exchange exchange, int status) {
        ListHeaders headers = new ListHeaders();
        headers.set("Content-Type", "text/plain; charset=utf-8");
        exchange.respond(status, headers, StatusText.of(status));
    }

    /**
     * Reads {@code body} whole into {@code buffer}; {@code done} runs at its end, {@code failed} with true when it
     * grew past {@code max} (it is then cancelled) and false when it broke off.
     */
    private static void collect(Flow.Publisher<ByteBuffer> body, BodyBufferPort.Buffer buffer, long max,
                                Runnable done, Consumer<Boolean> failed) {
        body.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private boolean over;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                if (over) {
                    return;
                }
                try {
                    buffer.append(item);
                } catch (IOException e) {
                    over = true;
                    subscription.cancel();
                    buffer.release();
                    failed.accept(false);
                    return;
                }
                if (max > 0 && buffer.size() > max) {
                    over = true;
                    subscription.cancel();
                    buffer.release();
                    failed.accept(true);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                if (!over) {
                    over = true;
                    buffer.release();
                    failed.accept(false);
                }
            }

            @Override
            public void onComplete() {
                if (!over) {
                    done.run();
                }
            }
        });
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
            return request == null ? super.requestBody() : request.contents();
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (body == null) {
                super.stream(status, headers, null);
                return;
            }
            BodyBufferPort.Buffer response = buffers.create(limits.memResponseBodyBytes());
            collect(body, response, limits.maxResponseBodyBytes(), () -> {
                ListHeaders sized = new ListHeaders();
                headers.forEach(sized::add);
                sized.remove("Transfer-Encoding");
                sized.set("Content-Length", Long.toString(response.size()));
                super.stream(status, sized, response.contents());
            }, tooLarge -> plain(delegate(), 500));
        }
    }

    @Override
    public String toString() {
        return "buffering " + limits;
    }
}

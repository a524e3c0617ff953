package dev.junction.domain.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A response body after which the backend may send trailer fields, as gRPC does with its status. The trailers are
 * known only once the body has ended; a body that wraps another one (observed, for instance) passes them on, so
 * whoever writes the response or re-encodes it (grpcWeb) can still find them.
 */
public interface TrailedBody extends Flow.Publisher<ByteBuffer> {
    /** The trailer fields; empty before the body has completed, and when there were none. */
    HttpHeaders trailers();

    /** {@code body} carrying trailers found elsewhere: those of a body it was copied or transformed from. */
    static TrailedBody carrying(Flow.Publisher<ByteBuffer> body, Supplier<HttpHeaders> trailers) {
        return new TrailedBody() {
            @Override
            public HttpHeaders trailers() {
                return trailers.get();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                body.subscribe(subscriber);
            }
        };
    }

    /** The trailers of any body: none for one that cannot carry them. The result is not to be changed. */
    static HttpHeaders of(Flow.Publisher<ByteBuffer> body) {
        return body instanceof TrailedBody trailed ? trailed.trailers() : NoHeaders.INSTANCE;
    }
}

package dev.junction.httpclient;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.TrailedBody;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A response body that arrived whole: handed to its subscriber in one buffer on the thread that asks for it, so
 * the client connection's IO thread writes head and body together without another hand-off between threads.
 */
final class BufferedBody implements TrailedBody {
    private final ByteBuffer content;
    private final HttpHeaders trailers;

    BufferedBody(ByteBuffer content, HttpHeaders trailers) {
        this.content = content;
        this.trailers = trailers;
    }

    @Override
    public HttpHeaders trailers() {
        return trailers;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
                if (done) {
                    return;
                }
                done = true;
                if (n <= 0) {
                    subscriber.onError(new IllegalArgumentException("demand must be positive, was " + n));
                    return;
                }
                if (content.hasRemaining()) {
                    subscriber.onNext(content);
                }
                subscriber.onComplete();
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}

package dev.junction.domain.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Reads a body nobody needs to its end, so its connection can carry the next request: the answer of an auth server
 * that said yes, the answer of a backend attempt that will be retried.
 */
public final class BodyDrain implements Flow.Subscriber<ByteBuffer> {
    private BodyDrain() {
    }

    public static void drain(Flow.Publisher<ByteBuffer> body) {
        if (body != null) {
            body.subscribe(new BodyDrain());
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
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
}

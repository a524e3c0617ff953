package dev.junction.httpclient;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A body passed through unchanged, with hooks on how it ends: the forwarder starts the response-header timer
 * when the request body has been fully sent, and aborts the exchange when the client cancels the response body
 * (the reactive bridge alone would only stop delivering and keep the backend connection leased).
 */
final class ObservedBody implements Flow.Publisher<ByteBuffer> {
    private final Flow.Publisher<ByteBuffer> delegate;
    private final Runnable onComplete;
    private final Runnable onCancel;

    ObservedBody(Flow.Publisher<ByteBuffer> delegate, Runnable onComplete, Runnable onCancel) {
        this.delegate = delegate;
        this.onComplete = onComplete;
        this.onCancel = onCancel;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        s.request(n);
                    }

                    @Override
                    public void cancel() {
                        s.cancel();
                        onCancel.run();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
                onComplete.run();
            }
        });
    }
}

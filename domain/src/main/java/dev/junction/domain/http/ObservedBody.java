package dev.junction.domain.http;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A body passed through unchanged, with hooks on how it ends, each run just before the signal is passed on: the
 * forwarder starts its response-header timer when a request body has been sent and aborts the backend exchange
 * when the client cancels a response body; inFlightReq frees a request's place when its answer's body is over.
 * The observed body's trailers stay visible through it, and its buffers' lending (see {@link LendingSubscription}).
 */
public final class ObservedBody implements TrailedBody {
    private final Flow.Publisher<ByteBuffer> delegate;
    private final Runnable onComplete;
    private final Runnable onError;
    private final Runnable onCancel;

    public ObservedBody(Flow.Publisher<ByteBuffer> delegate, Runnable onComplete, Runnable onError,
                        Runnable onCancel) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.onComplete = Objects.requireNonNull(onComplete, "onComplete");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.onCancel = Objects.requireNonNull(onCancel, "onCancel");
    }

    /** {@code body} with {@code onEnd} run once it completes, fails or is cancelled (possibly more than once). */
    public static ObservedBody onEnd(Flow.Publisher<ByteBuffer> body, Runnable onEnd) {
        return new ObservedBody(body, onEnd, onEnd, onEnd);
    }

    @Override
    public HttpHeaders trailers() {
        return TrailedBody.of(delegate);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscriber.onSubscribe(LendingSubscription.passing(s, new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        s.request(n);
                    }

                    @Override
                    public void cancel() {
                        s.cancel();
                        onCancel.run();
                    }
                }));
            }

            @Override
            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable t) {
                onError.run();
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                onComplete.run();
                subscriber.onComplete();
            }
        });
    }
}

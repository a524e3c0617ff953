package dev.junction.domain.middleware.contenttype;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.TrailedBody;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A body whose first chunk is read ahead (to sniff its type) and then replayed to the real subscriber, followed by
 * the rest straight from the source. The source is asked for one chunk only until the real subscriber asks. The
 * source's trailers stay visible through it.
 */
final class PeekedBody implements TrailedBody, Flow.Subscriber<ByteBuffer> {
    private final Flow.Publisher<ByteBuffer> source;
    private final AtomicBoolean firstDelivered = new AtomicBoolean();
    private volatile Consumer<ByteBuffer> onFirst;
    private volatile Flow.Subscription upstream;
    private volatile Flow.Subscriber<? super ByteBuffer> downstream;
    private volatile ByteBuffer first;
    private volatile boolean ended;
    private volatile Throwable failure;

    PeekedBody(Flow.Publisher<ByteBuffer> source) {
        this.source = source;
    }

    @Override
    public HttpHeaders trailers() {
        return TrailedBody.of(source);
    }

    /** Reads ahead; {@code then} gets the first chunk, or null when the body ends (or fails) without one. */
    void whenFirst(Consumer<ByteBuffer> then) {
        onFirst = then;
        source.subscribe(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(ByteBuffer item) {
        Flow.Subscriber<? super ByteBuffer> d = downstream;
        if (d != null && firstDelivered.get()) {
            d.onNext(item);
            return;
        }
        first = item;
        onFirst.accept(item);
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        ended = true;
        Flow.Subscriber<? super ByteBuffer> d = downstream;
        if (d != null) {
            d.onError(throwable);
        } else if (first == null) {
            onFirst.accept(null);
        }
    }

    @Override
    public void onComplete() {
        ended = true;
        Flow.Subscriber<? super ByteBuffer> d = downstream;
        if (d != null && (first == null || firstDelivered.get())) {
            d.onComplete();
        } else if (d == null && first == null) {
            onFirst.accept(null);
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        downstream = subscriber;
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                long more = n;
                if (first != null && firstDelivered.compareAndSet(false, true)) {
                    subscriber.onNext(first);
                    more--;
                    if (ended) {
                        if (failure != null) {
                            subscriber.onError(failure);
                        } else {
                            subscriber.onComplete();
                        }
                        return;
                    }
                } else if (first == null && ended) {
                    if (failure != null) {
                        subscriber.onError(failure);
                    } else {
                        subscriber.onComplete();
                    }
                    return;
                }
                if (more > 0) {
                    upstream.request(more);
                }
            }

            @Override
            public void cancel() {
                upstream.cancel();
            }
        });
    }
}

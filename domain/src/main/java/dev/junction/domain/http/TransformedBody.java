package dev.junction.domain.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A body transformed as it streams (compressed, framed, base64-encoded), with the source's back-pressure kept:
 * each source chunk becomes at most one transformed chunk, and a chunk that transforms to nothing yet (the codec is
 * holding it) is made up for by asking the source for one more. The transform's last bytes follow the source's end
 * once the subscriber has demand for them. A body whose source fails releases its transform at once (zlib holds
 * native memory); a cancelled one leaves that to the codec's cleaner, since the codec may be busy on the source's
 * thread. The source's trailers stay visible through the transformed body.
 */
public final class TransformedBody implements TrailedBody {
    /** Transforms one body; each call returns the bytes ready so far (possibly none). Not thread-safe. */
    public interface Transform {
        ByteBuffer encode(ByteBuffer chunk);

        /** The last bytes, once the source has ended; also called to release a transform that is dropped. */
        ByteBuffer finish();
    }

    private final Flow.Publisher<ByteBuffer> source;
    private final Supplier<? extends Transform> transforms;

    /** @param transforms a fresh transform for each subscription */
    public TransformedBody(Flow.Publisher<ByteBuffer> source, Supplier<? extends Transform> transforms) {
        this.source = source;
        this.transforms = transforms;
    }

    @Override
    public HttpHeaders trailers() {
        return TrailedBody.of(source);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source.subscribe(new Stream(subscriber, transforms.get()));
    }

    /** Between the source and the subscriber; the source signals serially, the subscriber asks from any thread. */
    private static final class Stream implements Flow.Subscriber<ByteBuffer>, Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final Transform encoder;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile Flow.Subscription upstream;
        private volatile ByteBuffer last;
        private volatile boolean done;

        Stream(Flow.Subscriber<? super ByteBuffer> subscriber, Transform encoder) {
            this.subscriber = subscriber;
            this.encoder = encoder;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            subscriber.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("demand must be positive, was " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (last != null) {
                deliverLast();
            } else {
                upstream.request(n);
            }
        }

        @Override
        public void cancel() {
            done = true;
            upstream.cancel();
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            if (done) {
                return;
            }
            ByteBuffer encoded;
            try {
                encoded = encoder.encode(chunk);
            } catch (RuntimeException e) {
                done = true;
                upstream.cancel();
                release();
                subscriber.onError(e);
                return;
            }
            if (encoded.hasRemaining()) {
                demand.decrementAndGet();
                subscriber.onNext(encoded);
            } else {
                upstream.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (!done) {
                done = true;
                release();
                subscriber.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            try {
                last = finish();
            } catch (RuntimeException e) {
                done = true;
                subscriber.onError(e);
                return;
            }
            deliverLast();
        }

        /** Sends the codec's last bytes and the end, once, when the subscriber wants more. */
        private void deliverLast() {
            ByteBuffer tail = last;
            if (tail == null || done || demand.get() <= 0 || !finished.compareAndSet(false, true)) {
                return;
            }
            done = true;
            if (tail.hasRemaining()) {
                subscriber.onNext(tail);
            }
            subscriber.onComplete();
        }

        private ByteBuffer finish() {
            return encoder.finish();
        }

        private void release() {
            if (last == null) {
                try {
                    encoder.finish();
                } catch (RuntimeException ignored) {
                    // the codec is being dropped; what it would have written is not wanted
                }
            }
        }
    }
}

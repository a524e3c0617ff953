package dev.junction.domain.middleware.compress;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A body encoded as it streams, with the source's back-pressure kept: each source chunk becomes at most one encoded
 * chunk, and a chunk that encodes to nothing yet (the codec is holding it) is made up for by asking the source for
 * one more. The codec's last bytes follow the source's end.
 */
final class EncodedBody implements Flow.Publisher<ByteBuffer> {
    private final Flow.Publisher<ByteBuffer> source;
    private final Encoding encoding;

    EncodedBody(Flow.Publisher<ByteBuffer> source, Encoding encoding) {
        this.source = source;
        this.encoding = encoding;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Encoding.Encoder encoder = encoding.start();
        source.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription upstream;
            private boolean done;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                upstream = subscription;
                subscriber.onSubscribe(subscription);
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
                    subscriber.onError(e);
                    return;
                }
                if (encoded.hasRemaining()) {
                    subscriber.onNext(encoded);
                } else {
                    upstream.request(1);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                if (!done) {
                    done = true;
                    subscriber.onError(throwable);
                }
            }

            @Override
            public void onComplete() {
                if (done) {
                    return;
                }
                done = true;
                ByteBuffer last;
                try {
                    last = encoder.finish();
                } catch (RuntimeException e) {
                    subscriber.onError(e);
                    return;
                }
                if (last.hasRemaining()) {
                    subscriber.onNext(last);
                }
                subscriber.onComplete();
            }
        });
    }
}

package dev.junction.domain.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** A body of no bytes: it completes as soon as it is asked for anything. */
public final class EmptyBody implements Flow.Publisher<ByteBuffer> {
    public static final EmptyBody INSTANCE = new EmptyBody();

    private EmptyBody() {
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
                if (!done) {
                    done = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}

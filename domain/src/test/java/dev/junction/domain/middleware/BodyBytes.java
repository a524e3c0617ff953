package dev.junction.domain.middleware;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** The bytes of a body that publishes synchronously, read whole. */
public final class BodyBytes {
    private BodyBytes() {
    }

    public static byte[] of(Flow.Publisher<ByteBuffer> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.writeBytes(b);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
            }
        });
        return out.toByteArray();
    }
}

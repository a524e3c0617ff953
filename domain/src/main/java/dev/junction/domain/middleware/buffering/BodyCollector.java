package dev.junction.domain.middleware.buffering;

import dev.junction.domain.port.BodyBufferPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** Reads a body whole into a buffer, for the middlewares that need all of it first (buffering, retry). */
public final class BodyCollector {
    private BodyCollector() {
    }

    /**
     * Reads {@code body} whole into {@code buffer}; {@code done} runs at its end, {@code failed} with true when it
     * grew past {@code max} bytes (it is then cancelled; a negative {@code max} is no limit, 0 allows only an empty
     * body) and false when it broke off.
     */
    public static void collect(Flow.Publisher<ByteBuffer> body, BodyBufferPort.Buffer buffer, long max,
                                Runnable done, Consumer<Boolean> failed) {
        body.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private boolean over;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                if (over) {
                    return;
                }
                try {
                    buffer.append(item);
                } catch (IOException e) {
                    over = true;
                    subscription.cancel();
                    buffer.release();
                    failed.accept(false);
                    return;
                }
                if (max >= 0 && buffer.size() > max) {
                    over = true;
                    subscription.cancel();
                    buffer.release();
                    failed.accept(true);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                if (!over) {
                    over = true;
                    buffer.release();
                    failed.accept(false);
                }
            }

            @Override
            public void onComplete() {
                if (!over) {
                    done.run();
                }
            }
        });
    }
}

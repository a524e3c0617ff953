package dev.junction.domain.middleware.buffering;

import dev.junction.domain.port.BodyBufferPort;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads a body whole into a buffer, for the middlewares that need all of it first (buffering, retry). It asks the
 * body for at most {@link #WINDOW} pieces beyond those the buffer has kept, so a buffer that writes to a slow disk
 * slows the sender instead of piling pieces up in memory.
 */
public final class BodyCollector {
    /** Pieces asked for ahead of those kept; more are asked for once half of them are kept. */
    static final int WINDOW = 16;

    private BodyCollector() {
    }

    /**
     * Reads {@code body} whole into {@code buffer}; {@code done} runs once its end is read and every piece kept,
     * {@code failed} with why it stopped: {@link Stop#TOO_LARGE} when it would grow past {@code max} bytes (it is then
     * cancelled; a negative {@code max} is no limit, 0 allows only an empty body), {@link Stop#BROKEN_OFF} when the
     * body broke off, {@link Stop#NOT_KEPT} when the buffer could not keep a piece (a full or failing disk).
     * They run on the thread that tells the body's end or failure, unless that is the buffer's own thread (a piece
     * kept on disk last, or a body read from another spilled buffer); then they go through {@code continueOn}
     * ({@link dev.junction.domain.http.Exchange#offload}), since every spilled body's disk work waits on that thread.
     */
    public static void collect(Flow.Publisher<ByteBuffer> body, BodyBufferPort.Buffer buffer, long max,
                                Executor continueOn, Runnable done, Consumer<Stop> failed) {
        body.subscribe(new Collector(buffer, max, continueOn, done, failed));
    }

    /**
     * Why a body was not read whole. The sender is to blame for the first two, the proxy for the last: a middleware
     * answers 413 or 400 for those, and a 500 when its own buffer failed it.
     */
    public enum Stop {
        /** The body would grow past the limit. */
        TOO_LARGE,
        /** The body ended in an error: the client went away, or its framing was broken. */
        BROKEN_OFF,
        /** The buffer could not keep a piece. */
        NOT_KEPT;

        /** The answer to a client whose body stopped so: 413, 400, or 500. */
        public int status() {
            return switch (this) {
                case TOO_LARGE -> 413;
                case BROKEN_OFF -> 400;
                case NOT_KEPT -> 500;
            };
        }
    }

    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        private final BodyBufferPort.Buffer buffer;
        private final long max;
        private final Executor continueOn;
        private final Runnable done;
        private final Consumer<Stop> failed;
        private final AtomicBoolean over = new AtomicBoolean();
        private final AtomicLong kept = new AtomicLong();
        private final AtomicInteger asking = new AtomicInteger();
        private volatile Flow.Subscription subscription;
        private long requested;
        private long appended;
        private CompletionStage<Void> last = CompletableFuture.completedFuture(null);

        Collector(BodyBufferPort.Buffer buffer, long max, Executor continueOn, Runnable done,
                  Consumer<Stop> failed) {
            this.buffer = buffer;
            this.max = max;
            this.continueOn = continueOn;
            this.done = done;
            this.failed = failed;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            askForMore();
        }

        @Override
        public void onNext(ByteBuffer item) {
            if (over.get()) {
                return;
            }
            if (max >= 0 && buffer.size() + item.remaining() > max) {
                stop(Stop.TOO_LARGE);
                return;
            }
            CompletionStage<Void> stage = buffer.append(item);
            appended++;
            last = stage;
            stage.whenComplete((ignored, error) -> {
                if (error != null) {
                    stop(Stop.NOT_KEPT);
                } else {
                    kept.incrementAndGet();
                    askForMore();
                }
            });
        }

        @Override
        public void onError(Throwable throwable) {
            if (over.compareAndSet(false, true)) {
                goOn(() -> {
                    buffer.release();
                    failed.accept(Stop.BROKEN_OFF);
                });
            }
        }

        @Override
        public void onComplete() {
            if (kept.get() == appended) {
                goOn(this::finish);
            } else {
                last.whenComplete((ignored, error) -> {
                    if (error == null) {
                        goOn(this::finish);
                    }
                });
            }
        }

        private void finish() {
            if (!over.get()) {
                done.run();
            }
        }

        /** Runs what follows here, unless here is the buffer's own thread. */
        private void goOn(Runnable next) {
            if (buffer.isOwnThread()) {
                continueOn.execute(next);
            } else {
                next.run();
            }
        }

        /**
         * Tops the demand up to {@link #WINDOW} pieces beyond those kept. A body that hands pieces over within
         * {@code request} calls back in here; such calls only make the running one loop again, so the stack stays
         * flat however many pieces there are.
         */
        private void askForMore() {
            if (asking.getAndIncrement() != 0) {
                return;
            }
            do {
                long more = kept.get() + WINDOW - requested;
                if (more >= WINDOW / 2 && !over.get()) {
                    requested += more;
                    subscription.request(more);
                }
            } while (asking.decrementAndGet() != 0);
        }

        private void stop(Stop why) {
            if (over.compareAndSet(false, true)) {
                subscription.cancel();
                goOn(() -> {
                    buffer.release();
                    failed.accept(why);
                });
            }
        }
    }
}

package dev.junction.domain.middleware.buffering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.port.BodyBufferPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BodyCollectorTest {
    /** A buffer whose appends are kept only when the test says so, as a disk that has not caught up yet. */
    private static class SlowBuffer implements BodyBufferPort.Buffer {
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        long size;
        boolean released;
        boolean ownThread;

        @Override
        public CompletionStage<Void> append(ByteBuffer bytes) {
            size += bytes.remaining();
            bytes.position(bytes.limit());
            CompletableFuture<Void> kept = new CompletableFuture<>();
            pending.add(kept);
            return kept;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Flow.Publisher<ByteBuffer> contents() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOwnThread() {
            return ownThread;
        }

        @Override
        public void release() {
            released = true;
        }

        /** Keeps every pending piece, as the buffer's own thread would. */
        void keepAll() {
            List<CompletableFuture<Void>> now = new ArrayList<>(pending);
            pending.clear();
            onOwnThread(() -> now.forEach(f -> f.complete(null)));
        }

        void onOwnThread(Runnable work) {
            ownThread = true;
            try {
                work.run();
            } finally {
                ownThread = false;
            }
        }
    }

    /**
     * A body of {@code pieces} one-byte pieces, each handed over within {@code request}, as much as asked; a request
     * made while handing over hands over within it again, so a subscriber that asks from {@code onNext} nests calls.
     */
    private static final class EagerBody implements Flow.Publisher<ByteBuffer> {
        final long pieces;
        long asked;
        long sent;
        int depth;
        int deepest;
        boolean cancelled;

        EagerBody(long pieces) {
            this.pieces = pieces;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    deepest = Math.max(deepest, ++depth);
                    asked += n;
                    while (!cancelled && sent < Math.min(asked, pieces)) {
                        sent++;
                        subscriber.onNext(ByteBuffer.wrap(new byte[] {1}));
                    }
                    if (!cancelled && sent == pieces) {
                        cancelled = true;
                        subscriber.onComplete();
                    }
                    depth--;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    /** Stands in for {@code Exchange.offload}: runs what it is given when the test says so. */
    private static final class Offload implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aBufferThatHasNotKeptItsPiecesHoldsTheBodyBackAndEndsOnlyOnceAllAreKept() {
        SlowBuffer buffer = new SlowBuffer();
        EagerBody body = new EagerBody(100);
        boolean[] done = {false};
        Offload offload = new Offload();
        BodyCollector.collect(body, buffer, -1, offload, () -> done[0] = true, why -> { });
        assertEquals(BodyCollector.WINDOW, body.sent, "no more than a window ahead of what is kept");
        for (int round = 0; round < 20 && body.sent < 100; round++) {
            buffer.keepAll();
            assertTrue(body.asked - (body.sent - buffer.pending.size()) <= BodyCollector.WINDOW);
        }
        assertEquals(100, body.sent);
        assertFalse(done[0], "the end was read, but pieces are still on their way to the disk");
        buffer.keepAll();
        assertFalse(done[0], "the thread that kept the last piece does not go on with the request");
        offload.runAll();
        assertTrue(done[0]);
    }

    @Test
    void aPieceTheBufferCouldNotKeepCancelsTheBodyAndReleasesTheBuffer() {
        SlowBuffer buffer = new SlowBuffer();
        EagerBody body = new EagerBody(100);
        List<BodyCollector.Stop> failures = new ArrayList<>();
        boolean[] done = {false};
        Offload offload = new Offload();
        BodyCollector.collect(body, buffer, -1, offload, () -> done[0] = true, failures::add);
        buffer.onOwnThread(() -> buffer.pending.get(0).completeExceptionally(new IOException("disk full")));
        buffer.keepAll();
        assertEquals(List.of(), failures, "not on the thread that failed to keep it");
        offload.runAll();
        assertEquals(List.of(BodyCollector.Stop.NOT_KEPT), failures);
        assertTrue(body.cancelled);
        assertTrue(buffer.released);
        assertFalse(done[0]);
    }

    @Test
    void aBodyHandedOverWithinRequestDoesNotDeepenTheStackPerPiece() {
        BodyBufferPort.Buffer kept = new SlowBuffer() {
            @Override
            public CompletionStage<Void> append(ByteBuffer bytes) {
                size += bytes.remaining();
                return CompletableFuture.completedFuture(null);
            }
        };
        EagerBody body = new EagerBody(100_000);
        boolean[] done = {false};
        Offload offload = new Offload();
        BodyCollector.collect(body, kept, -1, offload, () -> done[0] = true, why -> { });
        assertTrue(done[0], "kept at once: the end is told on the body's own thread");
        assertTrue(offload.tasks.isEmpty());
        assertEquals(100_000, kept.size());
        assertEquals(1, body.deepest, "every request made from the top, none from within a hand-over");
    }

    @Test
    void anEndToldOnTheBuffersOwnThreadGoesOnElsewhere() {
        SlowBuffer buffer = new SlowBuffer() {
            @Override
            public CompletionStage<Void> append(ByteBuffer bytes) {
                size += bytes.remaining();
                return CompletableFuture.completedFuture(null);
            }
        };
        buffer.ownThread = true;
        boolean[] done = {false};
        Offload offload = new Offload();
        BodyCollector.collect(new EagerBody(3), buffer, -1, offload, () -> done[0] = true, why -> { });
        assertFalse(done[0], "a body read from another spilled buffer ends on the disk thread");
        offload.runAll();
        assertTrue(done[0]);

        List<BodyCollector.Stop> failures = new ArrayList<>();
        BodyCollector.collect(new EagerBody(3), buffer, 1, offload, () -> { }, failures::add);
        assertEquals(List.of(), failures);
        offload.runAll();
        assertEquals(List.of(BodyCollector.Stop.TOO_LARGE), failures);
    }

    @Test
    void aBodyPastTheLimitIsCancelledAtOnceWithoutWaitingForTheDisk() {
        SlowBuffer buffer = new SlowBuffer();
        EagerBody body = new EagerBody(100);
        List<BodyCollector.Stop> failures = new ArrayList<>();
        BodyCollector.collect(body, buffer, 10, new Offload(), () -> { }, failures::add);
        assertEquals(List.of(BodyCollector.Stop.TOO_LARGE), failures);
        assertEquals(11, body.sent);
        assertEquals(10, buffer.size(), "the piece past the limit is not kept");
        assertTrue(body.cancelled);
        assertTrue(buffer.released);
    }

    @Test
    void aBodyThatBreaksOffReleasesTheBufferAndSaysSo() {
        SlowBuffer buffer = new SlowBuffer();
        List<BodyCollector.Stop> failures = new ArrayList<>();
        boolean[] done = {false};
        BodyCollector.collect(subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscriber.onError(new IOException("connection reset"));
            }

            @Override
            public void cancel() {
            }
        }), buffer, -1, new Offload(), () -> done[0] = true, failures::add);
        assertEquals(List.of(BodyCollector.Stop.BROKEN_OFF), failures);
        assertTrue(buffer.released);
        assertFalse(done[0]);
    }
}

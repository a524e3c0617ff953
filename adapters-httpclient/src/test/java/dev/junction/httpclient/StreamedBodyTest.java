package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.http.LendingSubscription;
import dev.junction.domain.http.ListHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamedBodyTest {

    /** Records what it gets; asks for one buffer at a time, the way a slow client's writer would. */
    private static final class OneAtATime implements Flow.Subscriber<ByteBuffer> {
        final AtomicLong bytes = new AtomicLong();
        final CountDownLatch completed = new CountDownLatch(1);
        final List<Throwable> errors = new ArrayList<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuffer item) {
            bytes.addAndGet(item.remaining());
        }

        @Override
        public void onError(Throwable t) {
            errors.add(t);
            completed.countDown();
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }
    }

    @Test
    void deliversOnlyWhatWasAskedForAndGrantsTheBackendWhatWasHandedOn() throws IOException {
        StreamedBody body = new StreamedBody(2, new DirectChunks(64 * 1024, 8));
        AtomicInteger granted = new AtomicInteger();
        body.capacity(granted::addAndGet);
        OneAtATime subscriber = new OneAtATime();
        body.subscribe(subscriber);
        body.data(ByteBuffer.wrap(new byte[100]));
        body.data(ByteBuffer.wrap(new byte[50]));
        body.end(new ListHeaders());

        assertEquals(0, subscriber.bytes.get());
        assertEquals(0, granted.get(), "nothing was handed on yet, so nothing more may come");
        subscriber.subscription.request(1);
        assertEquals(100, subscriber.bytes.get());
        assertEquals(1, subscriber.completed.getCount(), "not complete while a buffer is still queued");
        subscriber.subscription.request(1);
        assertEquals(150, subscriber.bytes.get());
        assertEquals(0, subscriber.completed.getCount());
        assertTrue(subscriber.errors.isEmpty());
    }

    @Test
    void grantsTheBackendInBatchesOfHalfItsWindow() throws IOException {
        StreamedBody body = new StreamedBody(200, new DirectChunks(64 * 1024, 8));
        AtomicInteger granted = new AtomicInteger();
        body.capacity(granted::addAndGet);
        OneAtATime subscriber = new OneAtATime();
        body.subscribe(subscriber);
        subscriber.subscription.request(10);

        body.data(ByteBuffer.wrap(new byte[60]));
        assertEquals(0, granted.get(), "60 bytes handed on is less than half the window: no wake-up yet");
        body.data(ByteBuffer.wrap(new byte[60]));
        assertEquals(120, granted.get(), "past half the window, all that was handed on is granted at once");
        body.data(ByteBuffer.wrap(new byte[30]));
        assertEquals(120, granted.get());
    }

    @Test
    void aSpentWindowIsAlwaysGrantedAgainOnceTheClientTakesWhatWaits() throws IOException {
        StreamedBody body = new StreamedBody(100, new DirectChunks(64 * 1024, 8));
        AtomicInteger window = new AtomicInteger(100);
        body.capacity(window::addAndGet);
        OneAtATime subscriber = new OneAtATime();
        body.subscribe(subscriber);
        for (int i = 0; i < 4; i++) {
            body.data(ByteBuffer.wrap(new byte[25]));
            window.addAndGet(-25);
        }
        assertEquals(0, window.get(), "the backend may send nothing more until the client takes something");

        subscriber.subscription.request(1);
        assertEquals(0, window.get(), "a quarter of the window handed on is not worth waking the backend for");
        subscriber.subscription.request(1);
        assertEquals(50, window.get(), "half the window handed on: the backend may send again");
    }

    @Test
    void whatWasHandedOnBeforeTheCapacityChannelCameIsGrantedWhenItComes() throws IOException {
        StreamedBody body = new StreamedBody(100, new DirectChunks(64 * 1024, 8));
        OneAtATime subscriber = new OneAtATime();
        body.subscribe(subscriber);
        subscriber.subscription.request(3);
        body.data(ByteBuffer.wrap(new byte[40]));
        body.data(ByteBuffer.wrap(new byte[40]));

        AtomicInteger granted = new AtomicInteger();
        body.capacity(granted::addAndGet);
        assertEquals(80, granted.get());
    }

    @Test
    void theEndIsNeverLostWhenItArrivesWhileTheSubscriberIsBeingFed() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            StreamedBody body = new StreamedBody(2, new DirectChunks(64 * 1024, 8));
            body.capacity(n -> { });
            OneAtATime subscriber = new OneAtATime();
            body.subscribe(subscriber);
            CyclicBarrier start = new CyclicBarrier(2);
            Thread backend = new Thread(() -> {
                await(start);
                for (int i = 0; i < 4; i++) {
                    try {
                        body.data(ByteBuffer.wrap(new byte[10]));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                body.end(new ListHeaders());
            });
            backend.start();
            await(start);
            for (int i = 0; i < 4; i++) {
                subscriber.subscription.request(1);
            }
            backend.join();
            assertTrue(subscriber.completed.await(5, TimeUnit.SECONDS), "round " + round + ": no onComplete");
            assertEquals(40, subscriber.bytes.get(), "round " + round);
        }
    }

    @Test
    void aFailureReachesTheSubscriber() {
        StreamedBody body = new StreamedBody(2, new DirectChunks(64 * 1024, 8));
        OneAtATime subscriber = new OneAtATime();
        body.subscribe(subscriber);
        body.fail(new IOException("backend closed mid-body"));

        assertEquals(0, subscriber.completed.getCount());
        assertEquals("backend closed mid-body", subscriber.errors.get(0).getMessage());
    }

    @Test
    void dataAfterTheSubscriberCancelledFailsSoTheBackendConnectionIsAborted() throws IOException {
        StreamedBody body = new StreamedBody(2, new DirectChunks(64 * 1024, 8));
        OneAtATime subscriber = new OneAtATime();
        body.subscribe(subscriber);
        body.data(ByteBuffer.wrap(new byte[10]));
        subscriber.subscription.cancel();

        assertThrows(IOException.class, () -> body.data(ByteBuffer.wrap(new byte[10])));
    }

    @Test
    void aSubscriberThatThrowsIsTreatedAsGone() throws IOException {
        StreamedBody body = new StreamedBody(2, new DirectChunks(64 * 1024, 8));
        AtomicInteger ends = new AtomicInteger();
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(10);
            }

            @Override
            public void onNext(ByteBuffer item) {
                throw new IllegalStateException("broken subscriber");
            }

            @Override
            public void onError(Throwable t) {
                ends.incrementAndGet();
            }

            @Override
            public void onComplete() {
                ends.incrementAndGet();
            }
        });
        body.data(ByteBuffer.wrap(new byte[10]));
        body.end(new ListHeaders());

        assertEquals(0, ends.get(), "no signal after the subscriber broke");
        assertThrows(IOException.class, () -> body.data(ByteBuffer.wrap(new byte[10])),
                "the backend exchange is aborted at its next data");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps what it gets until told, and gives it back on demand, as the client's socket writer does; borrows, or
     * (when told not to) takes copies to keep.
     */
    private static final class Borrower implements Flow.Subscriber<ByteBuffer> {
        final List<ByteBuffer> held = new ArrayList<>();
        final boolean borrows;
        LendingSubscription subscription;

        Borrower() {
            this(true);
        }

        Borrower(boolean borrows) {
            this.borrows = borrows;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = (LendingSubscription) s;
            if (borrows) {
                subscription.borrow();
            }
        }

        @Override
        public void onNext(ByteBuffer item) {
            held.add(item);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }

        void giveAllBack() {
            held.forEach(subscription::giveBack);
            held.clear();
        }
    }

    private static ByteBuffer bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return ByteBuffer.wrap(b);
    }

    private static final int CHUNK = 64 * 1024;
    private static final int READ = StreamedBody.LEND_FROM;

    @Test
    void aBorrowerGetsLentDirectBuffersAndTheSameOneComesAgainOnceGivenBack() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        StreamedBody body = new StreamedBody(1 << 20, chunks);
        Borrower borrower = new Borrower();
        body.subscribe(borrower);
        borrower.subscription.request(10);

        body.data(bytes(READ, 7));
        ByteBuffer first = borrower.held.get(0);
        assertTrue(first.isDirect());
        assertEquals(bytes(READ, 7), first, "the bytes are copied whole");
        assertEquals(1, chunks.out());
        borrower.giveAllBack();
        assertEquals(0, chunks.out());

        body.data(bytes(CHUNK, 3));
        assertSame(first, borrower.held.get(0), "the buffer given back is lent first, while it is in the cache");
        assertEquals(bytes(CHUNK, 3), borrower.held.get(0));
    }

    @Test
    void aSubscriberThatDoesNotBorrowGetsHeapCopiesToKeep() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        StreamedBody body = new StreamedBody(1 << 20, chunks);
        Borrower keeper = new Borrower(false);
        body.subscribe(keeper);
        keeper.subscription.request(10);
        body.data(bytes(READ, 1));

        assertFalse(keeper.held.get(0).isDirect());
        assertEquals(0, chunks.out());
    }

    @Test
    void bytesThatArriveBeforeTheSubscriberAreLentToABorrowerAndCopiedForAKeeper() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        StreamedBody early = new StreamedBody(1 << 20, chunks);
        early.data(bytes(READ, 1));
        early.data(bytes(READ, 2));
        assertEquals(2, chunks.out(), "held in lent buffers, since the subscriber most likely borrows");
        Borrower borrower = new Borrower();
        early.subscribe(borrower);
        borrower.subscription.request(10);
        assertTrue(borrower.held.get(0).isDirect());
        assertEquals(bytes(READ, 1), borrower.held.get(0));
        assertEquals(bytes(READ, 2), borrower.held.get(1));
        borrower.giveAllBack();
        assertEquals(0, chunks.out());

        StreamedBody kept = new StreamedBody(1 << 20, chunks);
        kept.data(bytes(READ, 3));
        Borrower keeper = new Borrower(false);
        kept.subscribe(keeper);
        keeper.subscription.request(10);
        kept.data(bytes(READ, 4));
        assertFalse(keeper.held.get(0).isDirect(), "a lent buffer becomes a heap copy for a subscriber that keeps it");
        assertEquals(bytes(READ, 3), keeper.held.get(0));
        assertFalse(keeper.held.get(1).isDirect());
        assertEquals(0, chunks.out(), "and goes back at once");
    }

    @Test
    void aBodyThatFailsBeforeAnyoneSubscribedGivesItsBuffersBack() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        StreamedBody body = new StreamedBody(1 << 20, chunks);
        body.data(bytes(READ, 1));
        body.data(bytes(READ, 2));
        assertEquals(2, chunks.out());
        body.fail(new IOException("the exchange was aborted before the client's writer came"));
        assertEquals(0, chunks.out());
        body.data(bytes(READ, 3));
        assertEquals(0, chunks.out(), "nor does anything arriving later stay");

        Borrower late = new Borrower();
        body.subscribe(late);
        late.subscription.request(10);
        assertTrue(late.held.isEmpty(), "a failed body delivers nothing");
    }

    @Test
    void smallReadsLargerReadsAndReadsPastTheLimitsAreCopiedToTheHeap() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 2);
        StreamedBody body = new StreamedBody(1 << 20, chunks);
        Borrower borrower = new Borrower();
        body.subscribe(borrower);
        borrower.subscription.request(10);
        body.data(bytes(READ - 1, 0));
        body.data(bytes(READ, 1));
        body.data(bytes(READ, 2));
        body.data(bytes(READ, 3));
        body.data(bytes(CHUNK + 1, 4));

        assertFalse(borrower.held.get(0).isDirect(), "too small to be worth a 64 KiB buffer");
        assertTrue(borrower.held.get(2).isDirect());
        assertFalse(borrower.held.get(3).isDirect(), "two out already, the pool's limit");
        assertFalse(borrower.held.get(4).isDirect(), "larger than a chunk");
        assertEquals(bytes(READ, 3), borrower.held.get(3));
        borrower.giveAllBack();
        assertEquals(0, chunks.out(), "heap copies given back are ignored");
    }

    @Test
    void oneBodyHoldsAtMostItsShareOfTheChunks() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 100);
        StreamedBody body = new StreamedBody(1 << 30, chunks);
        Borrower borrower = new Borrower();
        body.subscribe(borrower);
        borrower.subscription.request(100);
        for (int i = 0; i < StreamedBody.LENT_PER_BODY + 3; i++) {
            body.data(bytes(READ, i));
        }
        assertEquals(StreamedBody.LENT_PER_BODY, chunks.out(), "a stalled client holds no more than its share");
        assertFalse(borrower.held.get(StreamedBody.LENT_PER_BODY).isDirect());

        borrower.giveAllBack();
        body.data(bytes(READ, 9));
        assertTrue(borrower.held.get(0).isDirect(), "given back, the share is free again");
    }

    @Test
    void lentBuffersNeverDeliveredComeBackWhenTheBodyIsCancelledOrFails() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        StreamedBody cancelled = new StreamedBody(1 << 20, chunks);
        Borrower first = new Borrower();
        cancelled.subscribe(first);
        first.subscription.request(1);
        for (int i = 0; i < 4; i++) {
            cancelled.data(bytes(READ, i));
        }
        assertEquals(4, chunks.out());
        first.subscription.cancel();
        first.giveAllBack();
        assertEquals(0, chunks.out(), "three queued buffers dropped on cancel, one given back by its holder");

        StreamedBody failed = new StreamedBody(1 << 20, chunks);
        Borrower second = new Borrower();
        failed.subscribe(second);
        second.subscription.request(1);
        for (int i = 0; i < 3; i++) {
            failed.data(bytes(READ, i));
        }
        failed.fail(new IOException("backend closed mid-body"));
        second.giveAllBack();
        assertEquals(0, chunks.out());
    }
}

package dev.junction.httpclient;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.LendingSubscription;
import dev.junction.domain.http.NoHeaders;
import dev.junction.domain.http.TrailedBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * A response body streamed from the backend's IO thread to whichever thread asks for it, with back-pressure: the
 * backend is granted more bytes only once earlier ones were handed on, so at most the connection's window waits
 * here. Signals from both sides go through one serialised drain loop, so none is lost: a stream's end arriving
 * while the subscriber is being fed is always delivered (HttpCore's reactive bridge can drop it in that race and
 * leave the client waiting for a last chunk that never comes).
 * <p>
 * Bytes handed on are granted back to the backend in batches of half its window, not chunk by chunk: every grant
 * wakes the backend connection's IO thread (HttpCore's capacity update always does), and batches cut the system
 * calls of a 1 MiB response by a fifth. A batch of half the window can never
 * stall the stream: while the window is spent, all of it is either waiting here or handed on and counted towards
 * the next grant, so handing on what waits always reaches the batch.
 * <p>
 * A subscriber that borrows (the client's socket writer does) gets the bytes in direct buffers lent from a shared
 * {@link DirectChunks}; any other gets heap copies it may keep. Bytes that arrive before anyone subscribed are put
 * in lent buffers too, since the subscriber most likely borrows: the backend's first read usually holds the head and
 * the first piece of the body, and the head reaches the client's IO thread only after that piece was taken. When
 * the subscriber turns out not to borrow, those buffers are copied to the heap as they are delivered. Buffers that
 * were never delivered (the subscriber cancelled, or the body failed, subscribed or not) go back to the chunks here.
 * Only reads of at least {@link #LEND_FROM} bytes are lent, and at most {@link #LENT_PER_BODY} buffers per body at
 * once: a stalled client behind a backend that sends small pieces (events, small HTTP/2 frames) would otherwise hold
 * a whole 64 KiB buffer per piece, and a few such clients would hold every buffer. Past either bound the bytes are
 * copied to the heap, as before lending.
 */
final class StreamedBody implements TrailedBody, LendingSubscription {
    /** The smallest read worth a lent buffer. */
    static final int LEND_FROM = 16 * 1024;
    /**
     * Lent buffers one body may hold: an HTTP/1.1 window of four full reads, plus the two the client's writer asks
     * for ahead of its socket.
     */
    static final int LENT_PER_BODY = 6;
    private final long grantBatch;
    private final DirectChunks chunks;
    private final Queue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong ungranted = new AtomicLong();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicInteger lent = new AtomicInteger();
    private volatile Flow.Subscriber<? super ByteBuffer> subscriber;
    private volatile CapacityChannel capacity;
    private volatile boolean completed;
    private volatile HttpHeaders trailers = NoHeaders.INSTANCE;
    private volatile Throwable error;
    private volatile boolean cancelled;
    private volatile boolean lending;
    private boolean terminated;

    /**
     * @param window the bytes the backend may send before its first grant (its flow-control window)
     * @param chunks where buffers lent to a borrowing subscriber come from
     */
    StreamedBody(int window, DirectChunks chunks) {
        this.grantBatch = Math.max(1, window / 2);
        this.chunks = chunks;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        if (subscribed.getAndSet(true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("a response body can be read once"));
            return;
        }
        s.onSubscribe(this);
        subscriber = s;
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            error = new IllegalArgumentException("demand must be positive, was " + n);
        } else {
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    @Override
    public void borrow() {
        lending = true;
    }

    @Override
    public void giveBack(ByteBuffer buffer) {
        if (chunks.lent(buffer)) {
            lent.decrementAndGet();
            chunks.giveBack(buffer);
        }
    }

    /** Backend side: the channel through which more bytes are granted. */
    void capacity(CapacityChannel channel) {
        capacity = channel;
        grant(0);
    }

    /**
     * Backend side: bytes that arrived (copied, since the buffer is the connection's). Once the subscriber has
     * cancelled, this fails, which makes HttpClient abort the exchange and close the connection rather than keep
     * reading a body nobody wants.
     */
    void data(ByteBuffer src) throws IOException {
        if (cancelled) {
            throw new IOException("the response body was cancelled: its client went away");
        }
        boolean lendable = lending || subscriber == null;
        queue.add(lendable && src.remaining() >= LEND_FROM ? lentCopyOf(src) : settledCopyOf(src));
        drain();
    }

    /** A lent copy of what remains in {@code src}, or a heap copy when this body holds its share already. */
    private ByteBuffer lentCopyOf(ByteBuffer src) {
        if (lent.incrementAndGet() <= LENT_PER_BODY) {
            ByteBuffer copy = chunks.copyOf(src);
            if (copy != null) {
                return copy;
            }
        }
        lent.decrementAndGet();
        return settledCopyOf(src);
    }

    /** A heap copy of what remains in {@code src}, whose bytes may still wait in a landing ({@link DirectChunks}). */
    private ByteBuffer settledCopyOf(ByteBuffer src) {
        chunks.settle();
        return copyOf(src);
    }

    /** A heap copy of a buffer lent before the subscriber turned out not to borrow; the buffer goes back. */
    private ByteBuffer unlent(ByteBuffer lentBuffer) {
        try {
            return copyOf(lentBuffer);
        } finally {
            giveBack(lentBuffer);
        }
    }

    /**
     * A copy of what remains in {@code src}. From a heap buffer the copy is made by {@link Arrays#copyOfRange}, which
     * the JIT compiles to an allocation that is never zeroed first: at 1 MiB bodies, zeroing and then copying took
     * 5% of the proxy's CPU for the zeroing alone.
     */
    private static ByteBuffer copyOf(ByteBuffer src) {
        if (src.hasArray()) {
            int from = src.arrayOffset() + src.position();
            byte[] bytes = Arrays.copyOfRange(src.array(), from, from + src.remaining());
            src.position(src.limit());
            return ByteBuffer.wrap(bytes);
        }
        ByteBuffer copy = ByteBuffer.allocate(src.remaining());
        copy.put(src).flip();
        return copy;
    }

    /** Backend side: the body is complete, and these trailers followed it. */
    void end(HttpHeaders trailers) {
        this.trailers = trailers;
        completed = true;
        drain();
    }

    @Override
    public HttpHeaders trailers() {
        return trailers;
    }

    /** Backend side: the body failed before its end. */
    void fail(Throwable cause) {
        if (error == null) {
            error = cause;
        }
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Flow.Subscriber<? super ByteBuffer> s = subscriber;
            if (s != null && !cancelled && !terminated) {
                long delivered = 0;
                ByteBuffer next;
                while (error == null && !cancelled && demand.get() > 0 && (next = queue.poll()) != null) {
                    if (!lending && chunks.lent(next)) {
                        next = unlent(next);
                    }
                    delivered += next.remaining();
                    demand.decrementAndGet();
                    try {
                        s.onNext(next);
                    } catch (RuntimeException broken) {
                        // a subscriber that throws has broken the contract: treat it as gone, keep the loop sound
                        cancel();
                    }
                }
                grant(delivered);
                Throwable e = error;
                if (cancelled) {
                    terminated = true;
                } else if (e != null) {
                    terminated = true;
                    s.onError(e);
                } else if (completed && queue.isEmpty()) {
                    terminated = true;
                    s.onComplete();
                }
            }
            if (cancelled || terminated || s == null && error != null) {
                discardQueued();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Drops what was never delivered; runs inside the drain loop, so never beside a delivery. */
    private void discardQueued() {
        ByteBuffer dropped;
        while ((dropped = queue.poll()) != null) {
            giveBack(dropped);
        }
    }

    private void grant(long bytes) {
        long owed = ungranted.addAndGet(bytes);
        CapacityChannel c = capacity;
        if (c == null || owed < grantBatch || completed) {
            return;
        }
        long taken = ungranted.getAndSet(0);
        if (taken <= 0) {
            return;
        }
        try {
            c.update((int) Math.min(Integer.MAX_VALUE, taken));
        } catch (IOException e) {
            fail(e);
        }
    }
}

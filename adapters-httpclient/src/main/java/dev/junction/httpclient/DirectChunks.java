package dev.junction.httpclient;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers that carry streamed response bodies from a backend connection's buffer to the client's socket, lent
 * out and given back (see {@code LendingSubscription}). A streamed body's bytes must be copied out of HttpCore's
 * buffer, which the connection reuses; into a fresh heap array, the copy fills memory the cache has not seen, feeds
 * the garbage collector a mebibyte per mebibyte, and costs another copy into a direct buffer when the bytes are
 * written. At 1 MiB bodies those three took about a sixth of the proxy's CPU. A buffer given back is reused first
 * (last in, first out), while it is still in the cache.
 * <p>
 * At most {@code limit} buffers are out at once, so a crowd of stalled clients cannot exhaust direct memory: past
 * that, {@link #copyOf} answers null and the body falls back to heap copies.
 */
final class DirectChunks {
    private final int size;
    private final int limit;
    private final ConcurrentLinkedDeque<ByteBuffer> free = new ConcurrentLinkedDeque<>();
    private final AtomicInteger out = new AtomicInteger();

    /**
     * @param size  each buffer's capacity: a copy of more than this is not taken from here
     * @param limit how many buffers may be out (lent) at once
     */
    DirectChunks(int size, int limit) {
        this.size = size;
        this.limit = limit;
    }

    /** A lent buffer holding what remains of {@code src} (consumed), or null when none can be lent for it. */
    ByteBuffer copyOf(ByteBuffer src) {
        if (src.remaining() > size) {
            return null;
        }
        if (out.incrementAndGet() > limit) {
            out.decrementAndGet();
            return null;
        }
        ByteBuffer chunk = free.pollFirst();
        if (chunk == null) {
            try {
                chunk = ByteBuffer.allocateDirect(size);
            } catch (OutOfMemoryError noDirectMemory) {
                out.decrementAndGet();
                return null;
            }
        }
        chunk.clear();
        chunk.put(src).flip();
        return chunk;
    }

    /** Whether {@code buffer} can have come from here: lent buffers are direct, heap copies are not. */
    boolean lent(ByteBuffer buffer) {
        return buffer.isDirect() && buffer.capacity() == size;
    }

    /** A buffer lent by {@link #copyOf}, no longer used by anyone. */
    void giveBack(ByteBuffer chunk) {
        free.offerFirst(chunk);
        out.decrementAndGet();
    }

    /** Buffers lent and not given back. */
    int out() {
        return out.get();
    }
}

package dev.junction.httpclient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers that carry streamed response bodies from a backend connection to the client's socket, lent out and
 * given back (see {@code LendingSubscription}). A streamed body's bytes must leave HttpCore's buffer, which the
 * connection reuses; into a fresh heap array, the copy fills memory the cache has not seen, feeds the garbage
 * collector a mebibyte per mebibyte, and costs another copy into a direct buffer when the bytes are written. At 1 MiB
 * bodies those three took about a sixth of the proxy's CPU. A buffer given back is reused first (last in, first out),
 * while it is still in the cache.
 * <p>
 * A large read from a backend can also land here first ({@link #readThrough}): the socket fills a chunk, the chunk
 * fills HttpCore's heap buffer, and when the body then asks for a lent copy of exactly those bytes it gets the chunk
 * itself. Reading a plain socket straight into a heap buffer costs the JDK the same copy, through a temporary direct
 * buffer of its own, so landing saves the body's copy. Each IO thread keeps one chunk to land reads in.
 * <p>
 * Once a connection's body bytes were taken that way, its later reads into the same array (HttpCore's content
 * buffer, which holds body bytes only) defer even the copy into the heap buffer: the bytes stay in the chunk until
 * someone needs them in the array. {@link #settle} puts them there; it runs before anything but the lent hand-off
 * reads the buffer, at the thread's next read, and when the consumer is done ({@link #forgetLanding}). At 1 MiB
 * bodies that copy was 5% of the proxy's CPU. The array HttpCore parses heads from is never deferred into.
 * <p>
 * At most {@code limit} buffers are lent at once, so a crowd of stalled clients cannot exhaust direct memory: past
 * that, {@link #copyOf} answers null and the body falls back to heap copies. The chunks IO threads keep for landing
 * come on top, one per thread; a landing chunk counts as lent once a body takes it.
 */
final class DirectChunks {
    private final int size;
    private final int limit;
    private final ConcurrentLinkedDeque<ByteBuffer> free = new ConcurrentLinkedDeque<>();
    private final AtomicInteger out = new AtomicInteger();
    private final ThreadLocal<Landing> landings = ThreadLocal.withInitial(Landing::new);

    /**
     * Who reads through the chunks: asked whether a read may leave its bytes in the chunk for now, and told which
     * array a body's bytes were taken from uncopied.
     */
    interface Reader {
        /** Whether a read into {@code dst} may defer copying its bytes there until {@link #settle}. */
        boolean defers(ByteBuffer dst);

        /** A landing read into {@code array} was taken as body bytes: that array holds a body, not a head. */
        void bodyLandsIn(byte[] array);
    }

    /**
     * The chunk an IO thread reads through, where in which array its last read belongs, whether those bytes are
     * still to be copied there, and who read them (forgotten with the rest, so that a closed connection is not kept).
     */
    private static final class Landing {
        ByteBuffer chunk;
        byte[] array;
        int offset;
        int length;
        boolean pending;
        Reader reader;
    }

    /**
     * @param size  each buffer's capacity: a copy of more than this is not taken from here
     * @param limit how many buffers may be lent at once
     */
    DirectChunks(int size, int limit) {
        this.size = size;
        this.limit = limit;
    }

    /**
     * Reads from {@code source} into {@code dst} as {@link ReadableByteChannel#read} does. A read into a heap buffer
     * with room for a lendable piece ({@link StreamedBody#LEND_FROM}) goes through this thread's landing chunk, and
     * the chunk remembers where its bytes were copied, until this thread's next read, {@link #copyOf} or
     * {@link #forgetLanding}.
     */
    int readThrough(ReadableByteChannel source, ByteBuffer dst) throws IOException {
        return readThrough(source, dst, null);
    }

    /**
     * As {@link #readThrough(ReadableByteChannel, ByteBuffer)}; when {@code reader} {@link Reader#defers defers}
     * for {@code dst}, the bytes are left in the chunk and {@code dst} only advances past them, until
     * {@link #settle}.
     */
    int readThrough(ReadableByteChannel source, ByteBuffer dst, Reader reader) throws IOException {
        Landing landing = landings.get();
        settle(landing);
        landing.array = null;
        landing.reader = null;
        if (!dst.hasArray() || dst.remaining() < StreamedBody.LEND_FROM) {
            return source.read(dst);
        }
        ByteBuffer chunk = landing.chunk;
        if (chunk == null) {
            chunk = freeOrNew();
            if (chunk == null) {
                return source.read(dst);
            }
            landing.chunk = chunk;
        }
        chunk.clear().limit(Math.min(dst.remaining(), size));
        int read = source.read(chunk);
        if (read > 0) {
            chunk.flip();
            landing.array = dst.array();
            landing.offset = dst.arrayOffset() + dst.position();
            landing.length = read;
            landing.reader = reader;
            if (reader != null && reader.defers(dst)) {
                landing.pending = true;
                dst.position(dst.position() + read);
            } else {
                dst.put(chunk);
                chunk.rewind();
            }
        }
        return read;
    }

    /**
     * Copies this thread's deferred landing into the array it belongs in, if it has not been: whoever reads the
     * bytes of HttpCore's buffer other than through {@link #copyOf} calls this first.
     */
    void settle() {
        settle(landings.get());
    }

    private static void settle(Landing landing) {
        if (landing.pending) {
            landing.pending = false;
            landing.chunk.get(landing.array, landing.offset, landing.length);
            landing.chunk.rewind();
        }
    }

    /**
     * Forgets this thread's last landing, so that nothing but the next read can be taken for its bytes; bytes still
     * deferred are first put where they belong.
     */
    void forgetLanding() {
        Landing landing = landings.get();
        settle(landing);
        landing.array = null;
        landing.reader = null;
    }

    /**
     * A lent buffer holding what remains of {@code src} (consumed), or null when none can be lent for it. When
     * {@code src} is exactly where this thread's last read landed, the answer is the landing chunk, uncopied.
     */
    ByteBuffer copyOf(ByteBuffer src) {
        Landing landing = landings.get();
        if (landing.array != null) {
            boolean landed = src.hasArray() && src.array() == landing.array
                    && src.arrayOffset() + src.position() == landing.offset && src.remaining() == landing.length;
            if (landed && countOut()) {
                ByteBuffer chunk = landing.chunk;
                landing.chunk = null;
                landing.array = null;
                landing.pending = false;
                if (landing.reader != null) {
                    landing.reader.bodyLandsIn(src.array());
                    landing.reader = null;
                }
                src.position(src.limit());
                return chunk;
            }
            settle(landing);
            landing.array = null;
            landing.reader = null;
        }
        if (src.remaining() > size || !countOut()) {
            return null;
        }
        ByteBuffer chunk = freeOrNew();
        if (chunk == null) {
            out.decrementAndGet();
            return null;
        }
        chunk.put(src).flip();
        return chunk;
    }

    /** Counts one more buffer lent, unless that would pass the limit. */
    private boolean countOut() {
        if (out.incrementAndGet() > limit) {
            out.decrementAndGet();
            return false;
        }
        return true;
    }

    /** An empty chunk, or null when direct memory is short. */
    private ByteBuffer freeOrNew() {
        ByteBuffer chunk = free.pollFirst();
        if (chunk == null) {
            try {
                chunk = ByteBuffer.allocateDirect(size);
            } catch (OutOfMemoryError noDirectMemory) {
                return null;
            }
        }
        return chunk.clear();
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

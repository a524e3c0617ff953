package dev.junction.domain.port;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Where the buffering middleware keeps a whole body: in memory up to a limit, in a temporary file beyond it (as
 * Traefik's buffering does), so a large body buffered does not grow the heap.
 */
public interface BodyBufferPort {

    /** A new, empty buffer that keeps at most {@code memoryLimit} bytes in memory. */
    Buffer create(long memoryLimit);

    /**
     * One body's bytes. Appended to by one thread at a time, then read back as often as needed (a retry). The callers
     * are IO threads, each serving many connections, so an adapter that keeps bytes on a disk does its reading and
     * writing on a thread of its own: a slow disk then slows the one body, not every connection of the thread.
     */
    interface Buffer {
        /**
         * Adds the bytes, taken before this returns (the caller may reuse {@code bytes} at once). The stage completes
         * when they are kept, or fails with the {@link java.io.IOException} that lost them; stages complete in the
         * order of their appends. Callers wait for stages before appending much more, which is the back-pressure
         * that bounds what is held on its way to the disk.
         */
        CompletionStage<Void> append(ByteBuffer bytes);

        /** Every byte appended so far, kept yet or not. */
        long size();

        /**
         * Everything appended, in order, as the subscriber asks for it; each subscription reads from the start. Items
         * may arrive on another thread than the one that asked for them.
         */
        Flow.Publisher<ByteBuffer> contents();

        /**
         * Whether the calling thread is the one this buffer keeps its file with (stages complete and file chunks
         * arrive there). Work that goes on from there must move elsewhere: that thread is every spilled body's way to
         * the disk.
         */
        boolean isOwnThread();

        /** Frees memory and deletes the file; the buffer is unusable afterwards. */
        void release();
    }
}

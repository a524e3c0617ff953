package dev.junction.domain.port;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Where the buffering middleware keeps a whole body: in memory up to a limit, in a temporary file beyond it (as
 * Traefik's buffering does), so a large body buffered does not grow the heap.
 */
public interface BodyBufferPort {

    /** A new, empty buffer that keeps at most {@code memoryLimit} bytes in memory. */
    Buffer create(long memoryLimit);

    /** One body's bytes. Appended to by one thread at a time, then read back as often as needed (a retry). */
    interface Buffer {
        void append(ByteBuffer bytes) throws IOException;

        long size();

        /** Everything appended, in order, as the subscriber asks for it; each subscription reads from the start. */
        Flow.Publisher<ByteBuffer> contents();

        /** Frees memory and deletes the file; the buffer is unusable afterwards. */
        void release();
    }
}

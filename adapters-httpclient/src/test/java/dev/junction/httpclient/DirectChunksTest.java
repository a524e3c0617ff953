package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DirectChunksTest {
    private static final int CHUNK = 64 * 1024;

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static ReadableByteChannel source(byte[] bytes) {
        return Channels.newChannel(new ByteArrayInputStream(bytes));
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** HttpCore's way: read into its own heap buffer, flip it, hand it on. */
    private static ByteBuffer readAndFlip(DirectChunks chunks, ReadableByteChannel source, ByteBuffer content)
            throws IOException {
        content.clear();
        int read = chunks.readThrough(source, content);
        assertTrue(read > 0);
        return content.flip();
    }

    @Test
    void aLargeReadFillsTheCallersBufferAndIsThenTakenWithoutACopy() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        byte[] body = pattern(CHUNK, 7);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);

        ByteBuffer src = readAndFlip(chunks, source(body), content);
        assertArrayEqualsFast(body, bytesOf(src));
        assertEquals(0, chunks.out(), "a landing chunk counts as lent only once taken");

        ByteBuffer lent = chunks.copyOf(src);
        assertTrue(lent.isDirect());
        assertFalse(src.hasRemaining(), "the source is consumed, as by a copy");
        assertArrayEqualsFast(body, bytesOf(lent));
        assertEquals(1, chunks.out(), "the landing chunk became the lent one");

        ByteBuffer next = readAndFlip(chunks, source(pattern(CHUNK, 9)), content);
        ByteBuffer second = chunks.copyOf(next);
        assertEquals(2, chunks.out(), "the next read landed in another chunk: the first is the body's now");
        assertNotSame(lent, second);
        assertArrayEqualsFast(pattern(CHUNK, 9), bytesOf(second));
        assertArrayEqualsFast(body, bytesOf(lent));
    }

    @Test
    void bytesThatAreNotExactlyTheLandingAreCopied() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);

        ByteBuffer src = readAndFlip(chunks, source(pattern(40_000, 1)), content);
        ByteBuffer offset = src.duplicate().limit(40_001).position(1);
        byte[] shifted = bytesOf(offset);
        assertEquals(40_000, shifted.length, "as long as the landing, one byte further on");
        assertArrayEqualsFast(shifted, bytesOf(chunks.copyOf(offset)));
        assertEquals(1, chunks.out(), "a copy in a chunk of its own, the landing chunk still the thread's");

        src = readAndFlip(chunks, source(pattern(40_000, 2)), content);
        ByteBuffer shorter = src.duplicate().limit(30_000);
        assertArrayEqualsFast(Arrays.copyOf(pattern(40_000, 2), 30_000), bytesOf(chunks.copyOf(shorter)));
        assertEquals(2, chunks.out());

        src = readAndFlip(chunks, source(pattern(40_000, 3)), content);
        ByteBuffer elsewhere = ByteBuffer.wrap(bytesOf(src));
        assertArrayEqualsFast(pattern(40_000, 3), bytesOf(chunks.copyOf(elsewhere)));
        assertEquals(3, chunks.out(), "same bytes in another array: copied");
    }

    @Test
    void aLandingIsTakenOnceAndForgottenByTheNextReadOrEvent() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);

        ByteBuffer src = readAndFlip(chunks, source(pattern(CHUNK, 4)), content);
        ByteBuffer first = chunks.copyOf(src.duplicate());
        ByteBuffer again = chunks.copyOf(src.duplicate());
        assertNotSame(first, again, "the second ask for the same bytes gets a copy");
        assertArrayEqualsFast(pattern(CHUNK, 4), bytesOf(again));

        readAndFlip(chunks, source(pattern(CHUNK, 5)), content);
        // The same region of the same array now holds other bytes, written without a read through the chunks.
        content.clear();
        content.put(pattern(CHUNK, 6)).flip();
        chunks.forgetLanding();
        assertArrayEqualsFast(pattern(CHUNK, 6), bytesOf(chunks.copyOf(content)));

        readAndFlip(chunks, source(pattern(CHUNK, 7)), content);
        ByteBuffer small = ByteBuffer.allocate(100);
        chunks.readThrough(source(pattern(100, 8)), small);
        content.clear();
        content.put(pattern(CHUNK, 9)).flip();
        assertArrayEqualsFast(pattern(CHUNK, 9), bytesOf(chunks.copyOf(content)),
                "a small read, which does not land, still ends the previous landing");
    }

    @Test
    void anotherThreadNeverTakesThisThreadsLanding() throws Exception {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        ByteBuffer src = readAndFlip(chunks, source(pattern(CHUNK, 3)), content);
        AtomicReference<ByteBuffer> taken = new AtomicReference<>();
        Thread other = new Thread(() -> taken.set(chunks.copyOf(src.duplicate())));
        other.start();
        other.join();
        assertEquals(1, chunks.out(), "the other thread made a copy of its own");
        ByteBuffer mine = chunks.copyOf(src);
        assertNotSame(taken.get(), mine);
        assertArrayEqualsFast(pattern(CHUNK, 3), bytesOf(mine));
        assertEquals(2, chunks.out(), "this thread still took its landing");
    }

    @Test
    void smallReadsDirectBuffersAndAnExhaustedPoolReadStraightThrough() throws IOException {
        DirectChunks none = new DirectChunks(CHUNK, 0);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        ByteBuffer src = readAndFlip(none, source(pattern(CHUNK, 1)), content);
        assertArrayEqualsFast(pattern(CHUNK, 1), bytesOf(src));
        assertNull(none.copyOf(src), "nothing can be lent from an empty pool, not even a landing");

        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK);
        chunks.readThrough(source(pattern(CHUNK, 2)), direct);
        assertEquals(0, chunks.out(), "a direct destination is read into as it is");
        ByteBuffer small = ByteBuffer.allocate(StreamedBody.LEND_FROM - 1);
        chunks.readThrough(source(pattern(CHUNK, 3)), small);
        assertEquals(0, chunks.out(), "a destination with room for less than a lendable piece is read into as it is");
        assertArrayEqualsFast(Arrays.copyOf(pattern(CHUNK, 3), StreamedBody.LEND_FROM - 1), small.array());
    }

    @Test
    void aChunkGivenBackIsReusedAndTheLimitHolds() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 2);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        ByteBuffer landed = chunks.copyOf(readAndFlip(chunks, source(pattern(CHUNK, 1)), content));
        ByteBuffer copied = chunks.copyOf(ByteBuffer.wrap(pattern(100, 2)));
        assertEquals(2, chunks.out());
        assertNull(chunks.copyOf(ByteBuffer.wrap(pattern(100, 3))), "the limit counts landed chunks taken");
        ByteBuffer full = readAndFlip(chunks, source(pattern(CHUNK, 4)), content);
        assertArrayEqualsFast(pattern(CHUNK, 4), bytesOf(full), "a read lands even with the limit reached");
        assertNull(chunks.copyOf(full), "but its chunk is not taken past the limit");
        assertEquals(2, chunks.out());
        chunks.giveBack(landed);
        chunks.giveBack(copied);
        assertEquals(0, chunks.out());
        ByteBuffer reused = chunks.copyOf(ByteBuffer.wrap(pattern(100, 5)));
        assertSame(copied, reused, "last given back, first reused");
    }

    @Test
    void aLandingInASlicedBufferIsFoundByItsPlaceInTheArray() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        ByteBuffer slice = ByteBuffer.allocate(CHUNK + 100).position(100).slice();
        ByteBuffer src = readAndFlip(chunks, source(pattern(CHUNK, 6)), slice);
        ByteBuffer lent = chunks.copyOf(src);
        assertTrue(lent.isDirect());
        assertFalse(src.hasRemaining());
        assertArrayEqualsFast(pattern(CHUNK, 6), bytesOf(lent));
        assertEquals(1, chunks.out());
    }

    /** Defers into one array, as a connection does once it knows its content buffer, and notes what it was told. */
    private static final class Deferring implements DirectChunks.Reader {
        final byte[] array;
        byte[] toldBody;

        Deferring(byte[] array) {
            this.array = array;
        }

        @Override
        public boolean defers(ByteBuffer dst) {
            return dst.array() == array;
        }

        @Override
        public void bodyLandsIn(byte[] bodyArray) {
            toldBody = bodyArray;
        }
    }

    private static ByteBuffer deferredRead(DirectChunks chunks, byte[] bytes, ByteBuffer content, Deferring reader)
            throws IOException {
        content.clear();
        assertEquals(bytes.length, chunks.readThrough(source(bytes), content, reader));
        return content.flip();
    }

    @Test
    void aDeferredLandingTakenAsBodyIsNeverCopiedIntoTheArray() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        Deferring reader = new Deferring(content.array());

        ByteBuffer src = deferredRead(chunks, pattern(CHUNK, 3), content, reader);
        assertEquals(CHUNK, src.remaining(), "the buffer advanced past the bytes as if they were copied");
        assertArrayEqualsFast(new byte[CHUNK], content.array(), "but they are still in the chunk only");
        ByteBuffer lent = chunks.copyOf(src);
        assertTrue(lent.isDirect());
        assertArrayEqualsFast(pattern(CHUNK, 3), bytesOf(lent));
        assertFalse(src.hasRemaining());
        assertSame(content.array(), reader.toldBody, "the reader learns which array holds bodies");
        chunks.forgetLanding();
        assertArrayEqualsFast(new byte[CHUNK], content.array(), "bytes taken as a chunk are never copied");
    }

    @Test
    void aDeferredLandingIsSettledBeforeAnyoneElseCanSeeTheArray() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        Deferring reader = new Deferring(content.array());

        ByteBuffer src = deferredRead(chunks, pattern(CHUNK, 1), content, reader);
        chunks.settle();
        assertArrayEqualsFast(pattern(CHUNK, 1), bytesOf(src), "settled on demand");
        assertNotNull(chunks.copyOf(src), "and still taken as the landing it is");
        assertSame(content.array(), reader.toldBody);

        deferredRead(chunks, pattern(CHUNK, 2), content, reader);
        chunks.forgetLanding();
        assertArrayEqualsFast(pattern(CHUNK, 2), content.array(), "settled when the consumer is done with it");

        deferredRead(chunks, pattern(CHUNK, 4), content, reader);
        chunks.readThrough(source(pattern(100, 5)), ByteBuffer.allocate(100));
        assertArrayEqualsFast(pattern(CHUNK, 4), content.array(), "settled by the thread's next read");

        src = deferredRead(chunks, pattern(CHUNK, 6), content, reader);
        ByteBuffer part = src.duplicate().limit(1000);
        assertArrayEqualsFast(Arrays.copyOf(pattern(CHUNK, 6), 1000), bytesOf(chunks.copyOf(part)),
                "settled before a copy of other bytes than the landing's");
        assertArrayEqualsFast(pattern(CHUNK, 6), content.array());
    }

    @Test
    void aDeferredLandingThatCannotBeLentIsSettledForTheHeapCopy() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 0);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        ByteBuffer src = deferredRead(chunks, pattern(CHUNK, 7), content, new Deferring(content.array()));
        assertNull(chunks.copyOf(src), "nothing can be lent past the limit");
        assertArrayEqualsFast(pattern(CHUNK, 7), bytesOf(src), "so the bytes are where the caller will copy from");
    }

    @Test
    void readsIntoOtherArraysAreNeverDeferred() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 4);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        ByteBuffer head = ByteBuffer.allocate(CHUNK);
        Deferring reader = new Deferring(content.array());
        assertEquals(CHUNK, chunks.readThrough(source(pattern(CHUNK, 8)), head, reader));
        assertArrayEqualsFast(pattern(CHUNK, 8), head.array(), "copied at once: this array is not the body's");
    }

    private static void assertArrayEqualsFast(byte[] expected, byte[] actual) {
        assertArrayEqualsFast(expected, actual, "bytes differ");
    }

    private static void assertArrayEqualsFast(byte[] expected, byte[] actual, String message) {
        assertEquals(expected.length, actual.length, message);
        assertEquals(-1, Arrays.mismatch(expected, actual), message);
    }
}

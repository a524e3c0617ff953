package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import org.apache.hc.core5.reactor.IOSession;
import org.junit.jupiter.api.Test;

class LandingSessionTest {
    private static final int CHUNK = 64 * 1024;

    /** A connection that only reads, from the given bytes. */
    private static IOSession reading(byte[] bytes) {
        ReadableByteChannel channel = Channels.newChannel(new ByteArrayInputStream(bytes));
        return (IOSession) Proxy.newProxyInstance(IOSession.class.getClassLoader(), new Class<?>[] {IOSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("read")) {
                        return channel.read((ByteBuffer) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void defersOnlyIntoTheArrayABodyWasTakenFromAndNeverIntoTheFirstReadsArray() throws IOException {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        byte[] stream = new byte[4 * CHUNK];
        for (int i = 0; i < 4; i++) {
            Arrays.fill(stream, i * CHUNK, (i + 1) * CHUNK, (byte) (i + 1));
        }
        LandingSession session = new LandingSession(reading(stream), chunks);
        ByteBuffer head = ByteBuffer.allocate(CHUNK);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);

        session.read(head);
        assertArrayEquals(filled(CHUNK, 1), head.array(), "the first read, where heads are parsed, is copied");
        chunks.copyOf(head.flip());
        assertFalse(session.defers(head), "told that the head's array held a body, the session still never defers");

        session.read(content);
        assertFalse(session.defers(content), "no body taken from this array yet");
        assertArrayEquals(filled(CHUNK, 2), content.array());
        chunks.copyOf(content.flip());
        assertTrue(session.defers(content), "a body was taken from it: its later reads defer");

        content.clear();
        session.read(content);
        assertEquals(CHUNK, content.position());
        assertArrayEquals(filled(CHUNK, 2), content.array(), "the third piece waits in the chunk");
        chunks.settle();
        assertArrayEquals(filled(CHUNK, 3), content.array());
    }
}

package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.junit.jupiter.api.Test;

class SentBodyProducerTest {

    /** A connection that takes at most {@code perWrite} bytes a call, as a full socket buffer would. */
    private static final class Connection implements DataStreamChannel {
        final StringBuilder written = new StringBuilder();
        final int perWrite;
        boolean ended;

        Connection(int perWrite) {
            this.perWrite = perWrite;
        }

        @Override
        public void requestOutput() {
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(perWrite, src.remaining());
            byte[] bytes = new byte[n];
            src.get(bytes);
            written.append(new String(bytes, StandardCharsets.US_ASCII));
            return n;
        }

        @Override
        public void endStream(List<? extends Header> trailers) {
            ended = true;
        }

        @Override
        public void endStream() {
            ended = true;
        }
    }

    @Test
    void aBodyThatEndsShortOfItsDeclaredLengthIsNeverSent() throws IOException {
        AtomicBoolean sent = new AtomicBoolean();
        BasicAsyncEntityProducer whole = new BasicAsyncEntityProducer("hello world");
        SentBodyProducer producer = new SentBodyProducer(new BasicAsyncEntityProducer("hello") {
            @Override
            public long getContentLength() {
                return whole.getContentLength();
            }
        }, () -> sent.set(true));
        Connection connection = new Connection(64);

        producer.produce(connection);

        assertTrue(connection.ended, "HttpCore accepts the early end");
        assertEquals("hello", connection.written.toString());
        assertFalse(sent.get(), "5 of 11 declared bytes: the backend would read the next request as the rest");
    }

    @Test
    void tellsThatTheBodyWasSentOnlyOnceItsLastByteIsWritten() throws IOException {
        AtomicBoolean sent = new AtomicBoolean();
        SentBodyProducer producer = new SentBodyProducer(new BasicAsyncEntityProducer("hello world"),
                () -> sent.set(true));
        Connection connection = new Connection(4);

        producer.produce(connection);
        assertFalse(sent.get(), "4 of 11 bytes written: the connection must not take another request yet");
        producer.produce(connection);
        producer.produce(connection);
        producer.produce(connection);

        assertTrue(connection.ended);
        assertTrue(sent.get());
        assertEquals("hello world", connection.written.toString());
        assertEquals(11, producer.getContentLength());
    }
}

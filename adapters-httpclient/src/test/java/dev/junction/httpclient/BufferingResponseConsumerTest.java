package dev.junction.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

class BufferingResponseConsumerTest {
    private static final int CHUNK = 64 * 1024;

    /** Remembers the body it was given. */
    private static final class Receiver implements BufferingResponseConsumer.Receiver {
        Flow.Publisher<ByteBuffer> body;

        @Override
        public void headArrived() {
        }

        @Override
        public void respond(HttpResponse head, Flow.Publisher<ByteBuffer> body) {
            this.body = body;
        }

        @Override
        public void fail(Exception cause) {
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** The head of a 200 response whose body has {@code length} bytes, as HttpCore hands it over. */
    private static void announce(BufferingResponseConsumer consumer, int length) throws IOException, HttpException {
        consumer.consumeResponse(new BasicHttpResponse(200), new BasicEntityDetails(length, null),
                new BasicHttpContext(), new FutureCallback<>() {
                    @Override
                    public void completed(Void result) {
                    }

                    @Override
                    public void failed(Exception ex) {
                    }

                    @Override
                    public void cancelled() {
                    }
                });
    }

    @Test
    void bytesTheConsumerWasGivenEndTheLandingTheyCameFrom() throws IOException, HttpException {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        Receiver receiver = new Receiver();
        BufferingResponseConsumer consumer = new BufferingResponseConsumer(receiver, 4 * CHUNK, chunks);
        int length = BufferingResponseConsumer.LIMIT;
        announce(consumer, length);

        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        content.limit(length);
        assertEquals(length, chunks.readThrough(Channels.newChannel(new ByteArrayInputStream(filled(length, 1))),
                content));
        content.flip();
        consumer.consume(content.duplicate());

        // HttpCore's buffer is reused: the same place now holds other bytes, put there without a read.
        content.clear();
        content.put(filled(length, 2)).flip();
        ByteBuffer lent = chunks.copyOf(content);
        byte[] got = new byte[lent.remaining()];
        lent.get(got);
        assertEquals(-1, Arrays.mismatch(filled(length, 2), got), "the landing of bytes already consumed is gone");
        assertNull(receiver.body, "a collected body is passed on only at its end");
    }

    @Test
    void aCollectedBodyGetsTheBytesOfADeferredLanding() throws Exception {
        DirectChunks chunks = new DirectChunks(CHUNK, 8);
        Receiver receiver = new Receiver();
        BufferingResponseConsumer consumer = new BufferingResponseConsumer(receiver, 4 * CHUNK, chunks);
        int length = 10_000;
        announce(consumer, length);
        ByteBuffer content = ByteBuffer.allocate(CHUNK);
        DirectChunks.Reader deferring = new DirectChunks.Reader() {
            @Override
            public boolean defers(ByteBuffer dst) {
                return true;
            }

            @Override
            public void bodyLandsIn(byte[] array) {
            }
        };
        assertEquals(length, chunks.readThrough(Channels.newChannel(new ByteArrayInputStream(filled(length, 3))),
                content, deferring));
        consumer.consume(content.flip());
        consumer.streamEnd(null);

        List<ByteBuffer> got = new ArrayList<>();
        receiver.body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                got.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertEquals(1, got.size());
        byte[] bytes = new byte[got.get(0).remaining()];
        got.get(0).get(bytes);
        assertEquals(-1, Arrays.mismatch(filled(length, 3), bytes), "the collected body holds the landed bytes");
    }
}

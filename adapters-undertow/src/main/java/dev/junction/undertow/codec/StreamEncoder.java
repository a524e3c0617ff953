package dev.junction.undertow.codec;

import dev.junction.domain.middleware.compress.Encoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** An encoder over a codec's output stream, flushed after each chunk so a streamed body is not held back. */
final class StreamEncoder implements Encoding.Encoder {
    private final ByteArrayOutputStream sink;
    private final OutputStream codec;

    StreamEncoder(ByteArrayOutputStream sink, OutputStream codec) {
        this.sink = sink;
        this.codec = codec;
    }

    @Override
    public ByteBuffer encode(ByteBuffer chunk) {
        try {
            if (chunk.hasArray()) {
                codec.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                chunk.position(chunk.limit());
            } else {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                codec.write(bytes);
            }
            codec.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return take();
    }

    @Override
    public ByteBuffer finish() {
        try {
            codec.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return take();
    }

    private ByteBuffer take() {
        ByteBuffer ready = ByteBuffer.wrap(sink.toByteArray());
        sink.reset();
        return ready;
    }
}

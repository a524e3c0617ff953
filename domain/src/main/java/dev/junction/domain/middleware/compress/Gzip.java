package dev.junction.domain.middleware.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** gzip from the JDK, flushed after every chunk so a streamed body reaches the client as it arrives. */
public final class Gzip implements Encoding {
    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public Encoder start() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        GZIPOutputStream gzip;
        try {
            gzip = new GZIPOutputStream(out, 8192, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Encoder() {
            @Override
            public ByteBuffer encode(ByteBuffer chunk) {
                try {
                    if (chunk.hasArray()) {
                        gzip.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                        chunk.position(chunk.limit());
                    } else {
                        byte[] bytes = new byte[chunk.remaining()];
                        chunk.get(bytes);
                        gzip.write(bytes);
                    }
                    gzip.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return take(out);
            }

            @Override
            public ByteBuffer finish() {
                try {
                    gzip.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return take(out);
            }
        };
    }

    private static ByteBuffer take(ByteArrayOutputStream out) {
        ByteBuffer ready = ByteBuffer.wrap(out.toByteArray());
        out.reset();
        return ready;
    }
}

package dev.junction.domain.middleware.grpcweb;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.TransformedBody;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A gRPC answer's body as gRPC-Web carries it: the backend's messages unchanged, then its trailers as one more
 * frame (flag {@code 0x80}, a four-byte big-endian length, {@code name: value\r\n} lines with lower-case names),
 * since browsers cannot read HTTP trailers. In text mode everything is base64-encoded as one stream, three bytes
 * at a time, with the padding at the very end.
 */
final class WebFraming implements TransformedBody.Transform {
    private final Supplier<HttpHeaders> trailers;
    private final boolean text;
    private final ByteArrayOutputStream carry = new ByteArrayOutputStream();

    /** @param trailers read once the body has ended */
    WebFraming(Supplier<HttpHeaders> trailers, boolean text) {
        this.trailers = trailers;
        this.text = text;
    }

    @Override
    public ByteBuffer encode(ByteBuffer chunk) {
        if (!text) {
            return chunk;
        }
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        carry.writeBytes(bytes);
        byte[] all = carry.toByteArray();
        int whole = all.length - all.length % 3;
        carry.reset();
        carry.write(all, whole, all.length - whole);
        byte[] encoded = Base64.getEncoder().encode(java.util.Arrays.copyOf(all, whole));
        return ByteBuffer.wrap(encoded);
    }

    @Override
    public ByteBuffer finish() {
        byte[] frame = frame(trailers.get());
        if (!text) {
            return ByteBuffer.wrap(frame);
        }
        carry.writeBytes(frame);
        return ByteBuffer.wrap(Base64.getEncoder().encode(carry.toByteArray()));
    }

    static byte[] frame(HttpHeaders trailers) {
        StringBuilder lines = new StringBuilder();
        trailers.forEach((name, value) -> lines.append(name.toLowerCase(Locale.ROOT)).append(": ").append(value)
                .append("\r\n"));
        byte[] block = lines.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(5 + block.length);
        frame.put((byte) 0x80).putInt(block.length).put(block);
        return frame.array();
    }
}

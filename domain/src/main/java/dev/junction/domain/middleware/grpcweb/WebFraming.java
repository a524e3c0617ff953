package dev.junction.domain.middleware.grpcweb;

import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.TransformedBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A gRPC answer's body as gRPC-Web carries it: the backend's messages unchanged, then its trailers as one more
 * frame (flag {@code 0x80}, a four-byte big-endian length, {@code name: value\r\n} lines with lower-case names),
 * since browsers cannot read HTTP trailers. In text mode each chunk is base64-encoded as it comes, padded, so a
 * streamed message reaches the page at once instead of waiting on the bytes of the next (gRPC-Web clients read
 * concatenated padded segments, as the wrapper Traefik uses sends them).
 */
final class WebFraming implements TransformedBody.Transform {
    private final Supplier<HttpHeaders> trailers;
    private final boolean text;

    /** @param trailers read once the body has ended */
    WebFraming(Supplier<HttpHeaders> trailers, boolean text) {
        this.trailers = trailers;
        this.text = text;
    }

    @Override
    public ByteBuffer encode(ByteBuffer chunk) {
        return text ? Base64.getEncoder().encode(chunk) : chunk;
    }

    @Override
    public ByteBuffer finish() {
        byte[] frame = frame(trailers.get());
        return ByteBuffer.wrap(text ? Base64.getEncoder().encode(frame) : frame);
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

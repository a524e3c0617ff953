package dev.junction.domain.middleware.grpcweb;

import dev.junction.domain.http.TransformedBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@code grpc-web-text} request body decoded as it streams: base64 in groups of four characters, which may end
 * early with padding and start again (a client may send each message as its own padded segment). Characters that
 * do not complete a group wait for the next chunk. A body that is not base64 fails, and {@code onMalformed} is
 * told first, so the client can be answered 400 rather than have its mistake blamed on the backend.
 */
final class Base64Decoding implements TransformedBody.Transform {
    private final StringBuilder pending = new StringBuilder();
    private final Runnable onMalformed;

    Base64Decoding(Runnable onMalformed) {
        this.onMalformed = onMalformed;
    }

    @Override
    public ByteBuffer encode(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            char c = (char) (chunk.get() & 0xff);
            if (!Character.isWhitespace(c)) {
                pending.append(c);
            }
        }
        int whole = pending.length() - pending.length() % 4;
        ByteBuffer decoded;
        try {
            decoded = decode(pending.substring(0, whole));
        } catch (IllegalArgumentException notBase64) {
            onMalformed.run();
            throw notBase64;
        }
        pending.delete(0, whole);
        return decoded;
    }

    @Override
    public ByteBuffer finish() {
        if (pending.length() > 0) {
            onMalformed.run();
            throw new IllegalArgumentException("the grpc-web-text body ends inside a base64 group");
        }
        return ByteBuffer.allocate(0);
    }

    /** Decodes whole groups; a padded group ends a segment, so each segment is decoded on its own. */
    private static ByteBuffer decode(String groups) {
        ByteBuffer out = ByteBuffer.allocate(groups.length() / 4 * 3);
        int start = 0;
        for (int at = 0; at < groups.length(); at += 4) {
            if (groups.charAt(at + 3) == '=') {
                out.put(Base64.getDecoder().decode(groups.substring(start, at + 4).getBytes(StandardCharsets.US_ASCII)));
                start = at + 4;
            }
        }
        if (start < groups.length()) {
            out.put(Base64.getDecoder().decode(groups.substring(start).getBytes(StandardCharsets.US_ASCII)));
        }
        return out.flip();
    }
}

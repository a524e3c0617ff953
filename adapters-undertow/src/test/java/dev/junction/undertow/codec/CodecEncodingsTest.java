package dev.junction.undertow.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.github.luben.zstd.ZstdInputStream;
import dev.junction.domain.middleware.compress.Encoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CodecEncodingsTest {
    private static final List<String> PARTS = List.of("streamed ", "body ".repeat(500), "end");

    private static byte[] encode(Encoding encoding) {
        Encoding.Encoder encoder = encoding.start();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String part : PARTS) {
            ByteBuffer out = encoder.encode(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
            assertTrue(out.hasRemaining(), "each chunk is flushed, so a streamed body is not held back");
            all.write(out.array(), out.position(), out.remaining());
        }
        ByteBuffer last = encoder.finish();
        all.write(last.array(), last.position(), last.remaining());
        return all.toByteArray();
    }

    private static String decode(byte[] encoded, Function<InputStream, InputStream> decoder) throws Exception {
        try (InputStream in = decoder.apply(new ByteArrayInputStream(encoded))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothCodecsLoadOnThisMachine() {
        assertEquals(List.of("br", "zstd"), new CodecEncodings().encodings().stream().map(Encoding::name).toList());
    }

    @Test
    void zstdEncodesChunkByChunkIntoOneValidFrame() throws Exception {
        byte[] encoded = encode(new Zstd());
        assertEquals(String.join("", PARTS), decode(encoded, in -> {
            try {
                return new ZstdInputStream(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @Test
    void brotliEncodesChunkByChunkIntoOneValidStream() throws Exception {
        new CodecEncodings().encodings();
        byte[] encoded = encode(new Brotli());
        assertEquals(String.join("", PARTS), decode(encoded, in -> {
            try {
                return new BrotliInputStream(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }));
    }
}

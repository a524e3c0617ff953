package dev.junction.undertow.codec;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import dev.junction.domain.middleware.compress.Encoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Brotli through brotli4j at quality 6, the default of the Go library Traefik uses. */
final class Brotli implements Encoding {
    private static final com.aayushatharva.brotli4j.encoder.Encoder.Parameters PARAMETERS =
            new com.aayushatharva.brotli4j.encoder.Encoder.Parameters().setQuality(6);

    @Override
    public String name() {
        return "br";
    }

    @Override
    public Encoding.Encoder start() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(8192);
        try {
            return new StreamEncoder(sink, new BrotliOutputStream(sink, PARAMETERS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.junction.undertow.codec;

import com.github.luben.zstd.ZstdOutputStream;
import dev.junction.domain.middleware.compress.Encoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** zstd through zstd-jni at level 3, the default of the Go library Traefik uses. */
final class Zstd implements Encoding {
    private static final int LEVEL = 3;

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public Encoder start() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(8192);
        try {
            return new StreamEncoder(sink, new ZstdOutputStream(sink, LEVEL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.junction.undertow.codec;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.github.luben.zstd.util.Native;
import dev.junction.application.port.out.EncodingsPort;
import dev.junction.domain.middleware.compress.Encoding;
import java.util.ArrayList;
import java.util.List;

/**
 * br and zstd when their native libraries load on this machine (bundled for common platforms). They are loaded
 * the first time they are asked for, so a configuration without compress never loads native code. One that does
 * not load is left out and said once in the log, so a compress middleware falls back to what remains.
 */
public final class CodecEncodings implements EncodingsPort {
    private static final System.Logger LOG = System.getLogger("junction.compress");

    private List<Encoding> encodings;

    @Override
    public synchronized List<Encoding> encodings() {
        if (encodings == null) {
            encodings = load();
        }
        return encodings;
    }

    private static List<Encoding> load() {
        List<Encoding> found = new ArrayList<>();
        try {
            Brotli4jLoader.ensureAvailability();
            found.add(new Brotli());
        } catch (Throwable unavailable) {
            LOG.log(System.Logger.Level.WARNING, "compress: brotli (br) is not available on this machine: "
                    + unavailable.getMessage());
        }
        try {
            Native.load();
            found.add(new Zstd());
        } catch (Throwable unavailable) {
            LOG.log(System.Logger.Level.WARNING, "compress: zstd is not available on this machine: "
                    + unavailable.getMessage());
        }
        return List.copyOf(found);
    }
}

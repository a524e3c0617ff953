package dev.junction.application.port.out;

import dev.junction.domain.middleware.compress.Encoding;
import java.util.List;

/**
 * The content encodings an adapter can produce beyond the JDK's gzip ({@code br}, {@code zstd} through codec
 * libraries); only those whose native code loads on this machine are listed.
 */
public interface EncodingsPort {
    List<Encoding> encodings();
}

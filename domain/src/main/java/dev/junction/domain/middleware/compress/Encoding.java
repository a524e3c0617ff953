package dev.junction.domain.middleware.compress;

import dev.junction.domain.http.TransformedBody;

/**
 * A content encoding ({@code gzip}, {@code zstd}, {@code br}) as the compress middleware uses it: one encoder per
 * response, fed the body chunk by chunk. gzip comes with the JDK; others are supplied by adapters that wrap a codec
 * library, so the domain stays free of native code.
 */
public interface Encoding {
    /** The token used in {@code Accept-Encoding} and {@code Content-Encoding}. */
    String name();

    /** A fresh encoder for one body. */
    Encoder start();

    /** Encodes one body; each call returns the encoded bytes ready so far (possibly none). Not thread-safe. */
    interface Encoder extends TransformedBody.Transform {
    }
}

package dev.junction.domain.middleware.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.junction.domain.http.TransformedBody;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CompressTest {
    /** An encoding that only has a name, to test the choice between several. */
    private record Named(String name) implements Encoding {
        @Override
        public Encoder start() {
            throw new UnsupportedOperationException();
        }
    }

    private static Compress compress(List<String> order, String defaultEncoding) {
        return new Compress(new Compress.Settings(order, Set.of(), Set.of(), 1024, defaultEncoding),
                List.of(new Named("gzip"), new Named("br"), new Named("zstd")));
    }

    @Test
    void theHighestWeightWinsAndTiesGoToTheConfiguredOrder() {
        Compress c = compress(List.of("zstd", "gzip", "br"), "");
        assertEquals("gzip", c.choose(List.of("br;q=0.5, gzip;q=0.9")).name());
        assertEquals("zstd", c.choose(List.of("gzip, br, zstd")).name());
        assertEquals("br", c.choose(List.of("gzip;q=0.1", "br")).name());
        assertEquals("zstd", c.choose(List.of("*")).name());
    }

    @Test
    void aZeroWeightRefusesAnEncoding() {
        Compress c = compress(List.of("gzip"), "");
        assertNull(c.choose(List.of("gzip;q=0")));
        assertNull(c.choose(List.of("identity")));
    }

    @Test
    void noAcceptEncodingMeansTheDefaultEncodingOrNone() {
        assertNull(compress(List.of("gzip", "br"), "").choose(List.of()));
        assertEquals("br", compress(List.of("gzip", "br"), "br").choose(List.of()).name());
    }

    @Test
    void encodingsJunctionCannotProduceAreSkippedAndNoneAtAllIsAnError() {
        Compress onlyGzip = new Compress(new Compress.Settings(List.of("br", "gzip"), Set.of(), Set.of(), 0, ""),
                List.of(new Gzip()));
        assertEquals("gzip", onlyGzip.choose(List.of("br, gzip")).name());
        assertThrows(IllegalArgumentException.class, () -> new Compress(
                new Compress.Settings(List.of("br"), Set.of(), Set.of(), 0, ""), List.of(new Gzip())));
    }

    @Test
    void gzipEncodesChunkByChunkIntoOneValidStream() throws Exception {
        Encoding.Encoder encoder = new Gzip().start();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String part : List.of("hello ", "streamed ", "world")) {
            ByteBuffer out = encoder.encode(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
            all.write(out.array(), out.position(), out.remaining());
        }
        ByteBuffer last = encoder.finish();
        all.write(last.array(), last.position(), last.remaining());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(all.toByteArray()))) {
            assertEquals("hello streamed world", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEncodedBodyNeverSendsMoreThanWasAskedForAndItsEndWaitsForDemand() {
        java.util.List<java.util.concurrent.Flow.Subscriber<? super ByteBuffer>> source = new java.util.ArrayList<>();
        long[] upstreamDemand = {0};
        java.util.concurrent.Flow.Publisher<ByteBuffer> body = s -> {
            source.add(s);
            s.onSubscribe(new java.util.concurrent.Flow.Subscription() {
                @Override
                public void request(long n) {
                    upstreamDemand[0] += n;
                }

                @Override
                public void cancel() {
                }
            });
        };
        List<ByteBuffer> received = new java.util.ArrayList<>();
        boolean[] completed = {false};
        java.util.concurrent.Flow.Subscription[] subscription = new java.util.concurrent.Flow.Subscription[1];
        new TransformedBody(body, new Gzip()::start).subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                subscription[0] = s;
            }

            @Override
            public void onNext(ByteBuffer item) {
                received.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
                completed[0] = true;
            }
        });
        subscription[0].request(1);
        assertEquals(1, upstreamDemand[0]);
        source.get(0).onNext(ByteBuffer.wrap("chunk".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, received.size());
        source.get(0).onComplete();
        assertEquals(1, received.size(), "the gzip trailer waits for demand");
        assertEquals(false, completed[0]);
        subscription[0].request(1);
        assertEquals(2, received.size());
        assertEquals(true, completed[0]);
    }
}

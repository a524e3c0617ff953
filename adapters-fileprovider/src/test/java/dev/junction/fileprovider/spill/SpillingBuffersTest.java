package dev.junction.fileprovider.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.domain.port.BodyBufferPort;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpillingBuffersTest {
    private static long tempBodies() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("junction-body-")).count();
        }
    }

    @Test
    void bytesBeyondTheMemoryLimitGoToAFileThatIsReadBackInOrderThenDeleted() throws Exception {
        long before = tempBodies();
        BodyBufferPort.Buffer buffer = new SpillingBuffers().create(10);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 30; i++) {
            byte[] part = ("part-" + i + ";").repeat(1000).getBytes();
            expected.write(part);
            buffer.append(ByteBuffer.wrap(part));
        }
        assertEquals(expected.size(), buffer.size());
        assertEquals(before + 1, tempBodies());
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        boolean[] complete = {false};
        buffer.contents().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                s = subscription;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                read.write(bytes, 0, bytes.length);
                s.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
                complete[0] = true;
            }
        });
        assertTrue(complete[0]);
        assertEquals(expected.toString(), read.toString());
        assertEquals(before + 1, tempBodies(), "a body can be read again until it is released");
        buffer.release();
        assertEquals(before, tempBodies());
    }
}

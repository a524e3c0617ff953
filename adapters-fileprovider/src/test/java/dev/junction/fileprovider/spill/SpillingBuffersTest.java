package dev.junction.fileprovider.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.domain.port.BodyBufferPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingBuffersTest {
    @TempDir
    Path dir;

    /** Bodies' files that still have a name in the directory. */
    private long namedBodies() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("junction-body-")).count();
        }
    }

    /** Bodies' files this process holds open, named or not, as Linux lists its open descriptors. */
    private long openBodies() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "open files are counted through /proc");
        String prefix = dir.resolve("junction-body-").toString();
        try (Stream<Path> open = Files.list(fds)) {
            return open.map(SpillingBuffersTest::target).filter(t -> t.startsWith(prefix)).count();
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    /** The disk thread stood in for by a queue the test runs when it chooses. */
    private static final class DiskQueue implements java.util.concurrent.Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                t.run();
            }
        }

        void runOne() {
            tasks.remove().run();
        }
    }

    /** Reads a body one chunk per request, noting what arrived and how it ended. */
    private static final class Reader implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream read = new ByteArrayOutputStream();
        private Flow.Subscription s;
        /** Runs after each chunk is noted, before the next is asked for. */
        Runnable afterEach = () -> { };
        boolean complete;
        Throwable error;

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
            afterEach.run();
            s.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
            complete = true;
        }
    }

    @Test
    void bytesBeyondTheMemoryLimitGoToAnUnnamedFileThatIsReadBackInOrderThenClosed() throws Exception {
        long before = 0;
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        BodyBufferPort.Buffer buffer = new SpillingBuffers(thread, dir, Long.MAX_VALUE).create(10);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        CompletionStage<Void> last = null;
        for (int i = 0; i < 30; i++) {
            byte[] part = ("part-" + i + ";").repeat(1000).getBytes();
            expected.write(part);
            last = buffer.append(ByteBuffer.wrap(part));
        }
        last.toCompletableFuture().get();
        assertEquals(expected.size(), buffer.size());
        assertEquals(before + 1, openBodies());
        assertEquals(0, namedBodies(), "the file's name is gone once it is open: nothing is left if Junction dies");
        Reader reader = new Reader();
        buffer.contents().subscribe(reader);
        for (int i = 0; i < 100 && !reader.complete; i++) {
            Thread.sleep(20);
        }
        assertTrue(reader.complete);
        assertEquals(expected.toString(), reader.read.toString());
        assertEquals(before + 1, openBodies(), "a body can be read again until it is released");
        buffer.release();
        for (int i = 0; i < 100 && openBodies() != before; i++) {
            Thread.sleep(20);
        }
        assertEquals(before, openBodies());
        thread.shutdown();
    }

    @Test
    void theFileIsWrittenAndReadOnlyOnTheDiskThreadNeverOnTheCallers() throws Exception {
        DiskQueue disk = new DiskQueue();
        long before = 0;
        BodyBufferPort.Buffer buffer = new SpillingBuffers(disk, dir, Long.MAX_VALUE).create(4);
        assertTrue(buffer.append(ByteBuffer.wrap("kept".getBytes())).toCompletableFuture().isDone(),
                "bytes within the memory limit are kept at once");
        ByteBuffer caller = ByteBuffer.wrap("spilled".getBytes());
        CompletionStage<Void> spilled = buffer.append(caller);
        caller.clear().put("XXXXXXX".getBytes());
        assertFalse(spilled.toCompletableFuture().isDone(), "the write waits for the disk thread");
        assertEquals(before, openBodies(), "no file is made on the caller's thread");
        assertEquals(11, buffer.size());
        disk.runAll();
        assertTrue(spilled.toCompletableFuture().isDone());
        Reader reader = new Reader();
        buffer.contents().subscribe(reader);
        assertEquals("kept", reader.read.toString(), "memory is handed over on the asking thread");
        assertFalse(reader.complete);
        disk.runAll();
        assertEquals("keptspilled", reader.read.toString(), "the caller's buffer was copied before append returned");
        assertTrue(reader.complete);
        buffer.release();
        assertEquals(before + 1, openBodies(), "the file is closed on the disk thread");
        disk.runAll();
        assertEquals(before, openBodies());
    }

    @Test
    void aReaderAskingForEverythingLetsOtherDiskWorkInAfterSixteenChunks() {
        DiskQueue disk = new DiskQueue();
        BodyBufferPort.Buffer buffer = new SpillingBuffers(disk, dir, Long.MAX_VALUE).create(0);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 40; i++) {
            buffer.append(ByteBuffer.wrap(chunk));
        }
        disk.runAll();
        int[] chunks = {0};
        boolean[] complete = {false};
        buffer.contents().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                chunks[0]++;
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
                complete[0] = true;
            }
        });
        int[] seenByOther = {-1};
        boolean[] otherOnOwnThread = {false};
        disk.execute(() -> {
            seenByOther[0] = chunks[0];
            otherOnOwnThread[0] = buffer.isOwnThread();
        });
        disk.runOne();
        assertEquals(16, chunks[0]);
        disk.runOne();
        assertEquals(16, seenByOther[0], "queued behind the reader, it ran before the reader's next chunks");
        disk.runAll();
        assertEquals(40, chunks[0]);
        assertTrue(complete[0]);
        assertFalse(buffer.isOwnThread(), "the test's thread is not the disk thread between tasks");
        buffer.release();
        disk.runAll();
    }

    @Test
    void aBodyKeptInMemoryIsReadWithoutTheDiskThreadAndAReleasedOneFails() {
        DiskQueue disk = new DiskQueue();
        BodyBufferPort.Buffer buffer = new SpillingBuffers(disk, dir, Long.MAX_VALUE).create(100);
        buffer.append(ByteBuffer.wrap("small".getBytes()));
        Reader reader = new Reader();
        buffer.contents().subscribe(reader);
        assertTrue(reader.complete);
        assertEquals("small", reader.read.toString());
        assertTrue(disk.tasks.isEmpty());
        buffer.release();
        Reader late = new Reader();
        buffer.contents().subscribe(late);
        disk.runAll();
        assertTrue(late.error instanceof java.io.IOException, "reading a released body is an error, not an end");
    }

    /** "one;" and "two;" kept in memory, "three on disk;" written to the file. */
    private BodyBufferPort.Buffer twoInMemoryOneOnDisk(DiskQueue disk) {
        BodyBufferPort.Buffer buffer = new SpillingBuffers(disk, dir, Long.MAX_VALUE).create(8);
        buffer.append(ByteBuffer.wrap("one;".getBytes()));
        buffer.append(ByteBuffer.wrap("two;".getBytes()));
        buffer.append(ByteBuffer.wrap("three on disk;".getBytes()));
        disk.runAll();
        return buffer;
    }

    @Test
    void aBodyReleasedWhileItIsReadEndsItsReadingInErrorNotWithItsOtherBytes() throws Exception {
        DiskQueue disk = new DiskQueue();
        BodyBufferPort.Buffer buffer = twoInMemoryOneOnDisk(disk);
        assertEquals(1, openBodies());
        Reader reader = new Reader();
        reader.afterEach = buffer::release;
        buffer.contents().subscribe(reader);
        disk.runAll();
        assertEquals("one;", reader.read.toString());
        assertTrue(reader.error instanceof java.io.IOException);
        assertFalse(reader.complete);
        assertEquals(0, openBodies());
    }

    @Test
    void aBodyReleasedWhileItsFileChunkIsOnItsWayEndsItsReadingInError() throws Exception {
        DiskQueue disk = new DiskQueue();
        BodyBufferPort.Buffer buffer = twoInMemoryOneOnDisk(disk);
        Reader reader = new Reader();
        buffer.contents().subscribe(reader);
        assertEquals("one;two;", reader.read.toString());
        buffer.release();
        disk.runAll();
        assertEquals("one;two;", reader.read.toString());
        assertTrue(reader.error instanceof java.io.IOException, "the file's read was queued before the release");
        assertFalse(reader.complete);
        assertEquals(0, openBodies());
    }

    @Test
    void bodiesTogetherKeepNoMoreInMemoryThanTheBudgetTheRestGoesToTheirFiles() throws Exception {
        DiskQueue disk = new DiskQueue();
        SpillingBuffers buffers = new SpillingBuffers(disk, dir, 10);
        BodyBufferPort.Buffer first = buffers.create(100);
        assertTrue(first.append(ByteBuffer.wrap("12345678".getBytes())).toCompletableFuture().isDone(),
                "within its limit and the budget: kept in memory at once");
        BodyBufferPort.Buffer second = buffers.create(100);
        CompletionStage<Void> past = second.append(ByteBuffer.wrap("abcdefgh".getBytes()));
        assertFalse(past.toCompletableFuture().isDone(), "within its own limit, but past the budget: to the disk");
        disk.runAll();
        assertTrue(past.toCompletableFuture().isDone());
        assertEquals(1, openBodies());
        Reader reader = new Reader();
        second.contents().subscribe(reader);
        disk.runAll();
        assertEquals("abcdefgh", reader.read.toString());
        first.release();
        first.release();
        BodyBufferPort.Buffer third = buffers.create(100);
        assertTrue(third.append(ByteBuffer.wrap("ABCDEFGHIJ".getBytes())).toCompletableFuture().isDone(),
                "a released body gives its part of the budget back, once");
        assertFalse(buffers.create(100).append(ByteBuffer.wrap("x".getBytes())).toCompletableFuture().isDone());
        second.release();
        disk.runAll();
    }
}

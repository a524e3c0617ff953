package dev.junction.fileprovider.spill;

import dev.junction.domain.port.BodyBufferPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Body buffers that spill to a temporary file (deleted when released) once their memory limit is reached. Reads
 * and writes are small sequential file operations that the page cache usually absorbs; the file is read back in
 * 64 KiB chunks, one per request of the subscriber.
 */
public final class SpillingBuffers implements BodyBufferPort {
    private static final int CHUNK = 64 * 1024;

    @Override
    public Buffer create(long memoryLimit) {
        return new Spilling(memoryLimit);
    }

    private static final class Spilling implements Buffer {
        private final long memoryLimit;
        private final List<ByteBuffer> memory = new ArrayList<>();
        private final AtomicBoolean released = new AtomicBoolean();
        private long inMemory;
        private long spilled;
        private long size;
        private Path file;
        private FileChannel channel;

        Spilling(long memoryLimit) {
            this.memoryLimit = memoryLimit;
        }

        @Override
        public synchronized void append(ByteBuffer bytes) throws IOException {
            int n = bytes.remaining();
            if (channel == null && inMemory + n <= memoryLimit) {
                ByteBuffer copy = ByteBuffer.allocate(n);
                copy.put(bytes).flip();
                memory.add(copy);
                inMemory += n;
            } else {
                if (channel == null) {
                    file = Files.createTempFile("junction-body-", ".buf");
                    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                }
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                spilled += n;
            }
            size += n;
        }

        @Override
        public synchronized long size() {
            return size;
        }

        @Override
        public Flow.Publisher<ByteBuffer> contents() {
            return subscriber -> {
                AtomicLong demand = new AtomicLong();
                AtomicBoolean busy = new AtomicBoolean();
                long[] filePosition = {0};
                int[] memoryIndex = {0};
                AtomicBoolean cancelled = new AtomicBoolean();
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                        if (!busy.compareAndSet(false, true)) {
                            return;
                        }
                        try {
                            while (demand.get() > 0 && !cancelled.get()) {
                                ByteBuffer next = next(memoryIndex, filePosition);
                                if (next == null) {
                                    cancelled.set(true);
                                    subscriber.onComplete();
                                    return;
                                }
                                demand.decrementAndGet();
                                subscriber.onNext(next);
                            }
                        } catch (UncheckedIOException e) {
                            cancelled.set(true);
                            subscriber.onError(e.getCause());
                        } finally {
                            busy.set(false);
                        }
                    }

                    @Override
                    public void cancel() {
                        cancelled.set(true);
                    }
                });
            };
        }

        private synchronized ByteBuffer next(int[] memoryIndex, long[] filePosition) {
            if (released.get()) {
                throw new UncheckedIOException(new IOException("the buffered body was released"));
            }
            if (memoryIndex[0] < memory.size()) {
                return memory.get(memoryIndex[0]++).duplicate();
            }
            if (channel == null || filePosition[0] >= spilled) {
                return null;
            }
            try {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, spilled - filePosition[0]));
                while (chunk.hasRemaining()) {
                    int read = channel.read(chunk, filePosition[0] + chunk.position());
                    if (read < 0) {
                        break;
                    }
                }
                filePosition[0] += chunk.position();
                return chunk.flip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            memory.clear();
            try {
                if (channel != null) {
                    channel.close();
                }
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // a temporary file that cannot be deleted is left to the system's cleaning of its temp directory
            }
        }
    }
}

package dev.junction.fileprovider.spill;

import dev.junction.domain.port.BodyBufferPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Body buffers that spill to a temporary file once their memory limit is reached, or once all of them together hold
 * a quarter of the heap. The file's name is removed as soon as it is opened, as nginx does with its temporary files:
 * only the open channel holds the bytes, and the system frees them when the channel closes, so no body is left on
 * disk by a crash, a kill or a shutdown that drops a release, and no other process can open it by name. Where the
 * system refuses to remove an open file's name, the file is deleted when released. Every file operation (creating,
 * writing, reading back, closing) runs on one thread of their own, never on the caller's: the callers are IO threads,
 * and a write that waits for the disk to catch up would otherwise stall every connection of the thread. The file is
 * read back in 64 KiB chunks, one per request of the subscriber.
 */
public final class SpillingBuffers implements BodyBufferPort {
    private static final int CHUNK = 64 * 1024;
    /** File chunks one reader is handed in a row before the disk thread turns to other bodies' work. */
    private static final int CHUNKS_IN_A_ROW = 16;
    /** Marks, among chunks, that the rest of a body is in its file. */
    private static final ByteBuffer ON_DISK = ByteBuffer.allocate(0);
    /** Marks, among chunks, that the body was released. */
    private static final ByteBuffer RELEASED = ByteBuffer.allocate(0);
    /** Set while a task of the disk thread runs. */
    private static final ThreadLocal<Boolean> DISK_WORK = new ThreadLocal<>();

    private final Executor disk;
    private final Path directory;
    private final long memoryBudget;
    /** Bytes all unreleased buffers keep in memory. */
    private final AtomicLong inMemoryTotal = new AtomicLong();

    public SpillingBuffers() {
        this(new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "junction-body-spill");
            t.setDaemon(true);
            return t;
        }), null, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * @param disk         runs the file operations, one at a time and in order
     * @param directory    where the files go; null for the system's temporary directory
     * @param memoryBudget bytes all buffers together keep in memory, whatever each one's own limit: past it, bodies
     *                     go to their files. Each limit is per body, so without a budget many bodies at once (or
     *                     one limit set above the heap) would exhaust the heap and take the whole proxy down.
     */
    SpillingBuffers(Executor disk, Path directory, long memoryBudget) {
        this.disk = disk;
        this.directory = directory;
        this.memoryBudget = memoryBudget;
    }

    /** Takes {@code n} bytes of the memory budget, if they are left. */
    private boolean reserve(long n) {
        if (inMemoryTotal.addAndGet(n) <= memoryBudget) {
            return true;
        }
        inMemoryTotal.addAndGet(-n);
        return false;
    }

    @Override
    public Buffer create(long memoryLimit) {
        return new Spilling(memoryLimit);
    }

    private void toDisk(Runnable task) {
        disk.execute(() -> {
            DISK_WORK.set(Boolean.TRUE);
            try {
                task.run();
            } finally {
                DISK_WORK.remove();
            }
        });
    }

    private final class Spilling implements Buffer {
        private final long memoryLimit;
        private final List<ByteBuffer> memory = new ArrayList<>();
        private long inMemory;
        private long size;
        private boolean spilling;
        private volatile boolean released;
        /** Written, read and closed on the disk thread only. */
        private FileChannel channel;
        private Path file;
        private long spilled;
        private IOException broken;

        Spilling(long memoryLimit) {
            this.memoryLimit = memoryLimit;
        }

        @Override
        public synchronized CompletionStage<Void> append(ByteBuffer bytes) {
            int n = bytes.remaining();
            ByteBuffer copy = ByteBuffer.allocate(n);
            copy.put(bytes).flip();
            size += n;
            if (!spilling && !released && inMemory + n <= memoryLimit && reserve(n)) {
                memory.add(copy);
                inMemory += n;
                return CompletableFuture.completedFuture(null);
            }
            spilling = true;
            CompletableFuture<Void> kept = new CompletableFuture<>();
            toDisk(() -> write(copy, kept));
            return kept;
        }

        /** On the disk thread. */
        private void write(ByteBuffer bytes, CompletableFuture<Void> kept) {
            try {
                if (broken != null) {
                    throw broken;
                }
                if (released) {
                    throw new IOException("the buffered body was released");
                }
                if (channel == null) {
                    Path created = directory == null ? Files.createTempFile("junction-body-", ".buf")
                            : Files.createTempFile(directory, "junction-body-", ".buf");
                    try {
                        channel = FileChannel.open(created, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    } catch (IOException e) {
                        Files.deleteIfExists(created);
                        throw e;
                    }
                    file = unlinked(created);
                }
                int n = bytes.remaining();
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                spilled += n;
                kept.complete(null);
            } catch (IOException e) {
                broken = e;
                kept.completeExceptionally(e);
            }
        }

        @Override
        public synchronized long size() {
            return size;
        }

        @Override
        public Flow.Publisher<ByteBuffer> contents() {
            return subscriber -> subscriber.onSubscribe(new Reading(subscriber));
        }

        /**
         * One pass over the body. Memory chunks are handed over on the thread that asks; file chunks are read and
         * handed over on the disk thread. At most one thread hands chunks over at any time.
         */
        private final class Reading implements Flow.Subscription {
            private final Flow.Subscriber<? super ByteBuffer> subscriber;
            private final AtomicLong demand = new AtomicLong();
            private final AtomicInteger draining = new AtomicInteger();
            private volatile boolean stopped;
            private volatile boolean onDisk;
            private volatile IllegalArgumentException invalid;
            private int memoryIndex;
            private long filePosition;

            Reading(Flow.Subscriber<? super ByteBuffer> subscriber) {
                this.subscriber = subscriber;
            }

            @Override
            public void request(long n) {
                if (n <= 0) {
                    invalid = new IllegalArgumentException("request(" + n + ")");
                } else {
                    demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                }
                drain();
            }

            @Override
            public void cancel() {
                stopped = true;
            }

            private void drain() {
                if (draining.getAndIncrement() != 0) {
                    return;
                }
                do {
                    while (!stopped && !onDisk && (demand.get() > 0 || invalid != null)) {
                        if (invalid != null) {
                            stopped = true;
                            subscriber.onError(invalid);
                            break;
                        }
                        ByteBuffer next = nextInMemory();
                        if (next == ON_DISK) {
                            onDisk = true;
                            toDisk(this::readFromDisk);
                        } else if (next == RELEASED) {
                            stopped = true;
                            subscriber.onError(new IOException("the buffered body was released"));
                        } else if (next == null) {
                            stopped = true;
                            subscriber.onComplete();
                        } else {
                            demand.decrementAndGet();
                            subscriber.onNext(next);
                        }
                    }
                } while (draining.decrementAndGet() != 0);
            }

            /**
             * The next chunk kept in memory, {@link #ON_DISK} when the rest is in the file, {@link #RELEASED}, or null
             * at the end.
             */
            private ByteBuffer nextInMemory() {
                synchronized (Spilling.this) {
                    if (released) {
                        return RELEASED;
                    }
                    if (memoryIndex < memory.size()) {
                        return memory.get(memoryIndex++).duplicate();
                    }
                    return spilling ? ON_DISK : null;
                }
            }

            /**
             * On the disk thread: hands over file chunks while they are asked for, then the end; after a few in a row
             * it queues itself again, so one reader asking for everything does not hold the disk from the others.
             */
            private void readFromDisk() {
                for (int inARow = 0; !stopped; inARow++) {
                    if (inARow == CHUNKS_IN_A_ROW) {
                        toDisk(this::readFromDisk);
                        return;
                    }
                    if (invalid != null) {
                        stopped = true;
                        subscriber.onError(invalid);
                        return;
                    }
                    ByteBuffer chunk;
                    try {
                        if (released) {
                            throw new IOException("the buffered body was released");
                        }
                        if (filePosition >= spilled) {
                            stopped = true;
                            subscriber.onComplete();
                            return;
                        }
                        chunk = ByteBuffer.allocate((int) Math.min(CHUNK, spilled - filePosition));
                        while (chunk.hasRemaining()) {
                            if (channel.read(chunk, filePosition + chunk.position()) < 0) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        stopped = true;
                        subscriber.onError(e);
                        return;
                    }
                    filePosition += chunk.position();
                    demand.decrementAndGet();
                    subscriber.onNext(chunk.flip());
                    if (demand.get() == 0) {
                        onDisk = false;
                        drain();
                        return;
                    }
                }
            }
        }

        @Override
        public boolean isOwnThread() {
            return DISK_WORK.get() != null;
        }

        /** Null once the open file's name is removed; the file itself where the system keeps open files' names. */
        private static Path unlinked(Path file) {
            try {
                Files.delete(file);
                return null;
            } catch (IOException stillOpen) {
                return file;
            }
        }

        @Override
        public void release() {
            synchronized (this) {
                released = true;
                memory.clear();
                inMemoryTotal.addAndGet(-inMemory);
                inMemory = 0;
                if (!spilling) {
                    return;
                }
            }
            toDisk(() -> {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException ignored) {
                    // closing a file only read and written by this buffer frees it either way
                }
                try {
                    if (file != null) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException ignored) {
                    // a temporary file that cannot be deleted is left to the system's cleaning of its temp directory
                }
            });
        }
    }
}

package dev.junction.domain.middleware;

import dev.junction.domain.port.BodyBufferPort;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Body buffers kept in memory whole, read back synchronously: enough for middlewares that buffer or replay. */
public final class MemoryBuffers implements BodyBufferPort {
    private int created;

    public int created() {
        return created;
    }

    @Override
    public Buffer create(long memoryLimit) {
        created++;
        List<ByteBuffer> chunks = new ArrayList<>();
        return new Buffer() {
            @Override
            public CompletionStage<Void> append(ByteBuffer bytes) {
                ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
                copy.put(bytes).flip();
                chunks.add(copy);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public long size() {
                return chunks.stream().mapToLong(ByteBuffer::remaining).sum();
            }

            @Override
            public Flow.Publisher<ByteBuffer> contents() {
                return subscriber -> {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                        }

                        @Override
                        public void cancel() {
                        }
                    });
                    chunks.forEach(c -> subscriber.onNext(c.duplicate()));
                    subscriber.onComplete();
                };
            }

            @Override
            public boolean isOwnThread() {
                return false;
            }

            @Override
            public void release() {
                chunks.clear();
            }
        };
    }
}

package dev.junction.undertow;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes a streamed response body to the client, asking the publisher for the next buffer only once the previous
 * one reached the socket, so a slow client slows the backend instead of filling memory. A publisher error aborts
 * the connection: the client sees a broken response, never a complete-looking one.
 */
final class ResponseBodyWriter implements Flow.Subscriber<ByteBuffer> {
    private static final int WINDOW = 4;

    private final HttpServerExchange exchange;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private StreamSinkChannel channel;
    private boolean complete;
    private boolean finished;

    ResponseBodyWriter(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(WINDOW);
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        onIoThread(() -> {
            pending.add(buffer);
            drain();
        });
    }

    @Override
    public void onError(Throwable t) {
        onIoThread(() -> {
            finished = true;
            pending.clear();
            IoUtils.safeClose(exchange.getConnection());
        });
    }

    @Override
    public void onComplete() {
        onIoThread(() -> {
            complete = true;
            drain();
        });
    }

    private void onIoThread(Runnable task) {
        if (exchange.getIoThread() == Thread.currentThread()) {
            task.run();
        } else {
            exchange.getIoThread().execute(task);
        }
    }

    private void drain() {
        if (finished) {
            return;
        }
        if (channel == null) {
            channel = exchange.getResponseChannel();
            channel.getWriteSetter().set(c -> drain());
            channel.getCloseSetter().set(c -> abortUpstream());
        }
        try {
            int written = 0;
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    channel.resumeWrites();
                    if (written > 0) {
                        subscription.request(written);
                    }
                    return;
                }
                pending.poll();
                written++;
            }
            if (written > 0) {
                subscription.request(written);
            }
            if (complete) {
                finish();
            } else {
                channel.suspendWrites();
            }
        } catch (IOException e) {
            abortUpstream();
            finished = true;
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    private void finish() throws IOException {
        finished = true;
        channel.shutdownWrites();
        if (channel.flush()) {
            channel.suspendWrites();
            exchange.endExchange();
            return;
        }
        channel.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                c -> {
                    c.suspendWrites();
                    exchange.endExchange();
                },
                (c, e) -> IoUtils.safeClose(exchange.getConnection())));
        channel.resumeWrites();
    }

    private void abortUpstream() {
        if (!finished && subscription != null) {
            subscription.cancel();
        }
    }
}

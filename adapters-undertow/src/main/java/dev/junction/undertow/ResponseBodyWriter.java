package dev.junction.undertow;

import dev.junction.domain.http.LendingSubscription;
import dev.junction.domain.http.TrailedBody;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes a streamed response body to the client, asking the publisher for more only as buffers reach the socket,
 * so a slow client slows the backend instead of filling memory (at most {@link #WINDOW} buffers are held). Signals
 * from the publisher's thread are coalesced into one task on the connection's IO thread, where all writing happens.
 * A publisher error aborts the connection: the client sees a broken response, never a complete-looking one. A
 * client that takes nothing for the entrypoint's {@code writeTimeout} loses its connection and the backend's.
 * Trailers the backend sent after the body (gRPC's status) follow the last chunk of a chunked HTTP/1.1 response,
 * as Traefik passes them on; a response of declared length has no place for them.
 * <p>
 * It keeps nothing it has written, so it borrows from a body that lends its buffers (see {@link LendingSubscription}):
 * every buffer goes back once written, or once dropped when the response ends early.
 */
final class ResponseBodyWriter implements Flow.Subscriber<ByteBuffer> {
    /**
     * Buffers asked for ahead of the socket. Two keep a fast client's socket fed (1 MiB and 64 KiB bodies ran as fast
     * as with sixteen) while a stalled client holds little: with sixteen, each stalled download held about 1.4 MiB
     * (the backend connection's buffers, sixteen 64 KiB chunks and the backend's window), so some eighty slow
     * clients could fill the recommended 128 MiB heap; with two, about 0.9 MiB.
     */
    private static final int WINDOW = 2;

    private final HttpServerExchange exchange;
    private final Stalls stalls;
    private final Queue<ByteBuffer> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::runDrain;
    private volatile Flow.Subscription subscription;
    private volatile LendingSubscription lender;
    private volatile boolean complete;
    private volatile Throwable error;
    private StreamSinkChannel channel;
    private int outstanding;
    private boolean finished;
    private boolean draining;
    private boolean again;
    private XnioExecutor.Key stall;
    private boolean flushing;

    private final Flow.Publisher<ByteBuffer> body;

    ResponseBodyWriter(HttpServerExchange exchange, Stalls stalls, Flow.Publisher<ByteBuffer> body) {
        this.exchange = exchange;
        this.stalls = stalls;
        this.body = body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        outstanding = WINDOW;
        if (s instanceof LendingSubscription lending) {
            lender = lending;
            lending.borrow();
        }
        s.request(WINDOW);
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        pending.add(buffer);
        signal();
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        signal();
    }

    @Override
    public void onComplete() {
        complete = true;
        signal();
    }

    private void signal() {
        if (scheduled.compareAndSet(false, true)) {
            if (exchange.getIoThread() == Thread.currentThread()) {
                runDrain();
            } else {
                exchange.getIoThread().execute(drainTask);
            }
        }
    }

    private void runDrain() {
        scheduled.set(false);
        drain();
    }

    /**
     * Writes what is pending. Requesting more from the publisher may deliver on this very thread (HttpClient5 hands
     * over buffered data synchronously), which calls back in here: such a nested call only marks that another pass
     * is needed, so write interest is never suspended after a nested pass resumed it.
     */
    private void drain() {
        if (draining) {
            again = true;
            return;
        }
        draining = true;
        try {
            do {
                again = false;
                drainOnce();
            } while (again && !finished);
        } finally {
            draining = false;
        }
    }

    private void drainOnce() {
        if (finished) {
            dropPending();
            return;
        }
        if (error != null) {
            progressed();
            finished = true;
            dropPending();
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (channel == null) {
            channel = exchange.getResponseChannel();
            if (channel == null) {
                // the exchange already ended (the client went away): nobody is left to write to
                finished = true;
                dropPending();
                subscription.cancel();
                return;
            }
            channel.getWriteSetter().set(c -> drain());
            channel.getCloseSetter().set(c -> closed());
        }
        try {
            ByteBuffer head;
            while ((head = pending.peek()) != null) {
                if (channel.write(head) > 0) {
                    progressed();
                }
                if (finished) {
                    // the connection closed while writing, and closing gave back what was pending, head included
                    return;
                }
                if (head.hasRemaining()) {
                    channel.resumeWrites();
                    if (stall == null) {
                        stall = stalls.whileWriting(exchange.getIoThread(), this::stalled);
                    }
                    return;
                }
                pending.poll();
                giveBack(head);
                outstanding--;
            }
            if (complete && pending.isEmpty()) {
                finish();
                return;
            }
            channel.suspendWrites();
            if (outstanding <= WINDOW / 2) {
                int more = WINDOW - outstanding;
                outstanding = WINDOW;
                subscription.request(more);
            }
        } catch (IOException e) {
            progressed();
            abortUpstream();
            finished = true;
            dropPending();
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    private void finish() throws IOException {
        progressed();
        finished = true;
        if (body instanceof TrailedBody trailed && !exchange.getResponseHeaders().contains(Headers.CONTENT_LENGTH)) {
            trailed.trailers().forEach((name, value) -> {
                HeaderMap trailers = exchange.getAttachment(HttpAttachments.RESPONSE_TRAILERS);
                if (trailers == null) {
                    trailers = new HeaderMap();
                    exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, trailers);
                }
                trailers.add(HttpString.tryFromString(name), value);
            });
        }
        channel.shutdownWrites();
        if (channel.flush()) {
            channel.suspendWrites();
            exchange.endExchange();
            return;
        }
        flushing = true;
        stall = stalls.whileWriting(exchange.getIoThread(), this::stalled);
        channel.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                c -> {
                    flushed();
                    c.suspendWrites();
                    exchange.endExchange();
                },
                (c, e) -> {
                    flushed();
                    IoUtils.safeClose(exchange.getConnection());
                }));
        channel.resumeWrites();
    }

    private void closed() {
        progressed();
        abortUpstream();
        finished = true;
        dropPending();
    }

    private void flushed() {
        flushing = false;
        progressed();
    }

    private void progressed() {
        Stalls.cancel(stall);
        stall = null;
    }

    private void stalled() {
        stall = null;
        if (finished && !flushing) {
            return;
        }
        stalls.reportWrite();
        flushing = false;
        abortUpstream();
        finished = true;
        dropPending();
        IoUtils.safeClose(exchange.getConnection());
    }

    /**
     * Gives back what will never be written. Buffers that arrive once the response has ended are dropped by the pass
     * their arrival schedules, so none is kept from its lender.
     */
    private void dropPending() {
        ByteBuffer dropped;
        while ((dropped = pending.poll()) != null) {
            giveBack(dropped);
        }
    }

    private void giveBack(ByteBuffer buffer) {
        if (lender != null) {
            lender.giveBack(buffer);
        }
    }

    private void abortUpstream() {
        Flow.Subscription s = subscription;
        if (!finished && s != null) {
            s.cancel();
        }
    }
}

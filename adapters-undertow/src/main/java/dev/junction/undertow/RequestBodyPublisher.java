package dev.junction.undertow;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * The client's request body as a publisher that reads from the socket only while the subscriber has demand:
 * when the backend stops taking bytes, Junction stops reading and TCP flow control pushes back on the client.
 * A body that stalls longer than the entrypoint's {@code readTimeout} fails: the client is answered 408 and the
 * backend's request is aborted. All channel work happens on the connection's IO thread.
 */
final class RequestBodyPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {
    private static final int CHUNK = 16 * 1024;

    private final HttpServerExchange exchange;
    private final long declaredLength;
    private final Stalls stalls;
    private final Runnable answerTimeout;
    private final Runnable whenRead;
    private final AtomicLong demand = new AtomicLong();
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private StreamSourceChannel channel;
    private boolean continueSent;
    private XnioExecutor.Key stall;
    private long received;
    private volatile boolean done;

    /** @param declaredLength the body's length as the client declared it on arrival, -1 when chunked */
    RequestBodyPublisher(HttpServerExchange exchange, long declaredLength, Stalls stalls, Runnable answerTimeout,
                         Runnable whenRead) {
        this.exchange = exchange;
        this.declaredLength = declaredLength;
        this.stalls = stalls;
        this.answerTimeout = answerTimeout;
        this.whenRead = whenRead;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        if (subscriber != null) {
            s.onSubscribe(this);
            s.onError(new IllegalStateException("the request body can be read once"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0 || done) {
            return;
        }
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        if (exchange.getIoThread() == Thread.currentThread()) {
            pump();
        } else {
            exchange.getIoThread().execute(this::pump);
        }
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        exchange.getIoThread().execute(() -> {
            progressed();
            // once the answer is under way Undertow owns the rest of the body (it drains it to keep the connection)
            if (channel != null && !exchange.isResponseStarted()) {
                channel.suspendReads();
            }
        });
    }

    private void pump() {
        if (done) {
            return;
        }
        if (!continueSent && HttpContinue.requiresContinueResponse(exchange)) {
            continueSent = true;
            HttpContinue.sendContinueResponse(exchange, new io.undertow.io.IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, io.undertow.io.Sender sender) {
                    pump();
                }

                @Override
                public void onException(HttpServerExchange ex, io.undertow.io.Sender sender, IOException e) {
                    fail(e);
                }
            });
            return;
        }
        continueSent = true;
        if (channel == null) {
            channel = exchange.getRequestChannel();
            if (channel == null) {
                fail(new IOException("request channel unavailable"));
                return;
            }
            channel.getReadSetter().set(c -> pump());
        }
        try {
            while (demand.get() > 0 && !done) {
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
                int read = channel.read(buffer);
                if (read > 0) {
                    progressed();
                    received += read;
                    buffer.flip();
                    demand.decrementAndGet();
                    subscriber.onNext(buffer);
                } else if (read == 0) {
                    channel.resumeReads();
                    if (stall == null) {
                        stall = stalls.whileReading(exchange.getIoThread(), this::stalled);
                    }
                    return;
                } else if (endedShort()) {
                    // Undertow drained the rest itself once the answer was complete (a backend that answered
                    // early): a short body must never reach the backend as a whole one
                    channel.suspendReads();
                    fail(new IOException("the request body ended after " + received + " of its " + declaredLength
                            + " bytes"));
                    return;
                } else {
                    progressed();
                    done = true;
                    channel.suspendReads();
                    subscriber.onComplete();
                    whenRead.run();
                    return;
                }
            }
            channel.suspendReads();
        } catch (IOException e) {
            fail(e);
        }
    }

    private boolean endedShort() {
        return declaredLength >= 0 && received < declaredLength;
    }

    private void progressed() {
        Stalls.cancel(stall);
        stall = null;
    }

    private void stalled() {
        stall = null;
        if (done) {
            return;
        }
        stalls.reportRead();
        answerTimeout.run();
        channel.suspendReads();
        fail(new IOException("the request body stalled (readTimeout)"));
    }

    private void fail(Throwable t) {
        progressed();
        if (!done) {
            done = true;
            subscriber.onError(t);
        }
    }
}

package dev.junction.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.application.port.out.ListenPort;
import dev.junction.domain.config.statics.EntryPointTransport;
import dev.junction.domain.config.statics.Http2Settings;
import dev.junction.domain.http.LendingSubscription;
import dev.junction.domain.http.ListHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's socket writer borrows a lending body's buffers, and every one comes back exactly once: after it was
 * written, and also when the client goes away with buffers still waiting. A buffer kept would starve the lender; one
 * given back twice would be lent to two bodies at once.
 */
class ResponseBodyWriterLendingTest {
    private static final int CHUNK = 64 * 1024;

    private final ExecutorService backend = Executors.newSingleThreadExecutor();
    private final List<Lender> lenders = Collections.synchronizedList(new ArrayList<>());
    private ListenPort.Listening listening;

    @AfterEach
    void stop() {
        if (listening != null) {
            listening.stop();
        }
        backend.shutdownNow();
    }

    /** Lends direct buffers from another thread, as the backend's IO thread does, and checks what comes back. */
    private final class Lender implements Flow.Publisher<ByteBuffer>, LendingSubscription {
        final int chunks;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicLong demand = new AtomicLong();
        final AtomicBoolean borrowed = new AtomicBoolean();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final Set<ByteBuffer> out = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final AtomicInteger returned = new AtomicInteger();
        final List<String> faults = Collections.synchronizedList(new ArrayList<>());
        volatile Flow.Subscriber<? super ByteBuffer> subscriber;

        Lender(int chunks) {
            this.chunks = chunks;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
            subscriber = s;
            s.onSubscribe(this);
        }

        @Override
        public void borrow() {
            borrowed.set(true);
        }

        /** Spoils what comes back, as reuse would: a buffer given back before it was written corrupts the body. */
        @Override
        public void giveBack(ByteBuffer buffer) {
            if (!out.remove(buffer)) {
                faults.add("given back twice, or never lent");
            }
            buffer.clear();
            while (buffer.hasRemaining()) {
                buffer.put((byte) '!');
            }
            returned.incrementAndGet();
        }

        @Override
        public void request(long n) {
            demand.addAndGet(n);
            backend.execute(this::send);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }

        private void send() {
            while (demand.get() > 0 && sent.get() < chunks && !cancelled.get()) {
                demand.decrementAndGet();
                ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
                for (int i = 0; i < CHUNK; i++) {
                    chunk.put((byte) ('a' + (sent.get() + i) % 26));
                }
                chunk.flip();
                out.add(chunk);
                sent.incrementAndGet();
                subscriber.onNext(chunk);
            }
            if (sent.get() == chunks && !cancelled.get()) {
                sent.incrementAndGet();
                subscriber.onComplete();
            }
        }
    }

    private int serve(int chunks) {
        return serve(chunks, true);
    }

    /** @param sized whether the response declares its length; if not, it goes out chunked */
    private int serve(int chunks, boolean sized) {
        ListenPort.Listener listener = new ListenPort.Listener("web", "127.0.0.1", 0, EntryPointTransport.DEFAULTS,
                Http2Settings.DEFAULTS, exchange -> {
                    Lender lender = new Lender(chunks);
                    lenders.add(lender);
                    ListHeaders headers = new ListHeaders();
                    if (sized) {
                        headers.set("Content-Length", Long.toString((long) chunks * CHUNK));
                    }
                    exchange.stream(200, headers, lender);
                });
        listening = new UndertowListenPort(ListenerLimits.DEFAULTS).listen(List.of(listener));
        return listening.ports().get("web");
    }

    private static void awaitAllBack(Lender lender) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lender.out.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void everyBufferWrittenIsGivenBackOnce() throws Exception {
        everyBufferWrittenIsGivenBackOnce(true);
    }

    @Test
    void everyBufferWrittenInChunksIsGivenBackOnce() throws Exception {
        everyBufferWrittenIsGivenBackOnce(false);
    }

    private void everyBufferWrittenIsGivenBackOnce(boolean sized) throws Exception {
        int port = serve(40, sized);
        long body = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // without Connection: close, a response of unknown length is chunked rather than delimited by the close
            String request = "GET / HTTP/1.1\r\nHost: x\r\n" + (sized ? "Connection: close\r\n" : "") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertEquals(!sized, head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), head);
            byte[] bytes = sized ? in.readAllBytes() : dechunked(in);
            for (int at = 0; at < bytes.length; at++) {
                byte expected = (byte) ('a' + (at / CHUNK + at % CHUNK) % 26);
                if (bytes[at] != expected) {
                    throw new AssertionError("byte " + at + " is " + bytes[at] + ", expected " + expected);
                }
            }
            body = bytes.length;
        }
        assertEquals(40L * CHUNK, body);
        Lender lender = lenders.get(0);
        awaitAllBack(lender);
        assertTrue(lender.borrowed.get(), "the writer borrows");
        assertEquals(List.of(), lender.faults);
        assertEquals(Set.of(), Set.copyOf(lender.out), "buffers kept by the writer");
        assertEquals(40, lender.returned.get());
    }

    @Test
    void buffersWaitingWhenTheClientGoesAwayAreGivenBack() throws Exception {
        int port = serve(10_000);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            readHead(in);
            in.readNBytes(3 * CHUNK);
            Thread.sleep(200);
            socket.setSoLinger(true, 0);
        }
        Lender lender = lenders.get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lender.cancelled.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(lender.cancelled.get(), "the body is cancelled once its client is gone");
        awaitAllBack(lender);
        assertEquals(List.of(), lender.faults);
        assertEquals(0, lender.out.size(), "buffers kept after the client went away");
        assertTrue(lender.sent.get() < 10_000, "the body stopped when its client went away");
    }

    private static byte[] dechunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        throw new IOException("the response head was cut short: " + head);
    }
}

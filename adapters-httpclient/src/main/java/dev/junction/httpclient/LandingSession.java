package dev.junction.httpclient;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.Lock;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * A backend connection whose reads go through {@link DirectChunks#readThrough}, so that a large piece of a response
 * body reaches the client's socket with one copy in user space instead of two. Everything else is the connection's
 * own.
 * <p>
 * A landing is taken as the body's bytes only by the IO thread that read it, and only until that thread reads again
 * or HttpCore hands the bytes it read to a response consumer ({@link BufferingResponseConsumer#consume} forgets it).
 * TLS connections are not decorated at all: HttpCore builds their TLS layer on the undecorated session, and the
 * decorator leaves the TLS session as it is, so their reads never land.
 * <p>
 * Reads defer their copy ({@link DirectChunks.Reader}) only into the array a landing was once taken from as body
 * bytes, which is HttpCore's content buffer, and never into the array of the connection's first read, which is where
 * HttpCore reads and parses response heads.
 */
final class LandingSession implements IOSession, DirectChunks.Reader {
    private final IOSession session;
    private final DirectChunks chunks;
    private byte[] headArray;
    private byte[] bodyArray;

    LandingSession(IOSession session, DirectChunks chunks) {
        this.session = session;
        this.chunks = chunks;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (headArray == null && dst.hasArray()) {
            headArray = dst.array();
        }
        return chunks.readThrough(session, dst, this);
    }

    @Override
    public boolean defers(ByteBuffer dst) {
        return bodyArray != null && dst.array() == bodyArray;
    }

    @Override
    public void bodyLandsIn(byte[] array) {
        if (array != headArray) {
            bodyArray = array;
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return session.write(src);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public IOEventHandler getHandler() {
        return session.getHandler();
    }

    @Override
    public void upgrade(IOEventHandler handler) {
        session.upgrade(handler);
    }

    @Override
    public Lock getLock() {
        return session.getLock();
    }

    @Override
    public void enqueue(Command command, Command.Priority priority) {
        session.enqueue(command, priority);
    }

    @Override
    public boolean hasCommands() {
        return session.hasCommands();
    }

    @Override
    public Command poll() {
        return session.poll();
    }

    @Override
    public ByteChannel channel() {
        return session.channel();
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return session.getRemoteAddress();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return session.getLocalAddress();
    }

    @Override
    public int getEventMask() {
        return session.getEventMask();
    }

    @Override
    public void setEventMask(int ops) {
        session.setEventMask(ops);
    }

    @Override
    public void setEvent(int op) {
        session.setEvent(op);
    }

    @Override
    public void clearEvent(int op) {
        session.clearEvent(op);
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void close(CloseMode closeMode) {
        session.close(closeMode);
    }

    @Override
    public Status getStatus() {
        return session.getStatus();
    }

    @Override
    public Timeout getSocketTimeout() {
        return session.getSocketTimeout();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        session.setSocketTimeout(timeout);
    }

    @Override
    public long getLastReadTime() {
        return session.getLastReadTime();
    }

    @Override
    public long getLastWriteTime() {
        return session.getLastWriteTime();
    }

    @Override
    public long getLastEventTime() {
        return session.getLastEventTime();
    }

    @Override
    public void updateReadTime() {
        session.updateReadTime();
    }

    @Override
    public void updateWriteTime() {
        session.updateWriteTime();
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}

package dev.junction.undertow;

import dev.junction.domain.config.TraefikDuration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * An entrypoint's bounds on silence while a request is in flight: how long Junction waits for more request-body
 * bytes ({@code readTimeout}) and for the client to take more response bytes ({@code writeTimeout}). Only a stall
 * counts, never the length of a transfer that keeps moving. Whichever fires is logged with its name, so nobody has
 * to guess which timeout cut a request.
 */
final class Stalls {
    private static final System.Logger LOG = System.getLogger("junction.entrypoint");

    private final String entryPoint;
    private final Duration read;
    private final Duration write;

    Stalls(String entryPoint, Duration read, Duration write) {
        this.entryPoint = entryPoint;
        this.read = read;
        this.write = write;
    }

    /** Starts the wait for request-body bytes; {@code null} when reads are not bounded. */
    XnioExecutor.Key whileReading(XnioIoThread thread, Runnable onStall) {
        return start(thread, read, onStall);
    }

    /** Starts the wait for the client to take response bytes; {@code null} when writes are not bounded. */
    XnioExecutor.Key whileWriting(XnioIoThread thread, Runnable onStall) {
        return start(thread, write, onStall);
    }

    /** Says that a request body stalled past {@code readTimeout}; called only when it really cut a request. */
    void reportRead() {
        LOG.log(System.Logger.Level.WARNING, "entrypoint " + entryPoint + ": no request body bytes for "
                + TraefikDuration.format(read) + " (readTimeout): answered 408 and closed the connection");
    }

    /** Says that a client took nothing past {@code writeTimeout}; called only when it really cut a response. */
    void reportWrite() {
        LOG.log(System.Logger.Level.WARNING, "entrypoint " + entryPoint + ": the client took no response bytes for "
                + TraefikDuration.format(write) + " (writeTimeout): closed the connection");
    }

    static void cancel(XnioExecutor.Key key) {
        if (key != null) {
            key.remove();
        }
    }

    private static XnioExecutor.Key start(XnioIoThread thread, Duration limit, Runnable onStall) {
        if (limit.isZero()) {
            return null;
        }
        return thread.executeAfter(onStall, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
    }
}

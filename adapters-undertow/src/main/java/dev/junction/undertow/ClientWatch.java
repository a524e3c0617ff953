package dev.junction.undertow;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import org.xnio.IoUtils;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Notices a client that disconnects while Junction waits on the backend. Undertow stops reading a connection
 * while a request is in flight, so a client's close would go unseen until the response is written; Traefik, by
 * contrast, cancels the backend request at once. Once the request has been read whole, this keeps read interest
 * on the connection: end of stream or a reset means the client is gone, and {@code onGone} runs (the backend
 * request is abandoned) before the connection is closed. Bytes that do arrive belong to a pipelined next request:
 * they are handed back to Undertow untouched, in a buffer of Undertow's own pool, and watching stops.
 */
final class ClientWatch {
    private ClientWatch() {
    }

    /**
     * Watches through the connection's own source conduit: while a request is in flight Undertow puts the request's
     * conduit in front of it (for a request without a body, one that reports end of stream at once). That conduit
     * is put back when watching stops; when the exchange completes, Undertow resets the conduits and takes over
     * reading again with its own listener.
     */
    static void start(HttpServerExchange exchange, Runnable onGone) {
        if (exchange.isComplete() || !exchange.isRequestComplete()
                || !(exchange.getConnection() instanceof HttpServerConnection connection)
                || connection.getExtraBytes() != null) {
            return;
        }
        ConduitStreamSourceChannel channel = connection.getChannel().getSourceChannel();
        StreamSourceConduit requestConduit = channel.getConduit();
        channel.setConduit(connection.getOriginalSourceConduit());
        channel.setReadListener(c -> check(exchange, connection, channel, requestConduit, onGone));
        channel.resumeReads();
    }

    private static void check(HttpServerExchange exchange, HttpServerConnection connection,
                              ConduitStreamSourceChannel channel, StreamSourceConduit requestConduit,
                              Runnable onGone) {
        if (exchange.isComplete()) {
            // Undertow took the connection back without replacing this listener (an upgrade): stop, never spin
            channel.suspendReads();
            channel.setReadListener(null);
            return;
        }
        PooledByteBuffer peek = connection.getByteBufferPool().allocate();
        int read;
        try {
            read = channel.read(peek.getBuffer());
        } catch (IOException reset) {
            read = -1;
        }
        if (read <= 0) {
            peek.close();
        }
        if (read == 0) {
            return;
        }
        channel.suspendReads();
        channel.setReadListener(null);
        channel.setConduit(requestConduit);
        if (read > 0) {
            peek.getBuffer().flip();
            connection.ungetRequestBytes(peek);
            return;
        }
        onGone.run();
        IoUtils.safeClose(connection);
    }
}

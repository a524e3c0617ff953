package dev.junction.domain.port;

/**
 * Sends a request to a backend server and streams its answer back. Implementations must never block the
 * calling thread and must honour back-pressure both ways: request bytes are read only as fast as the backend
 * takes them, response bytes only as fast as the client takes them.
 */
public interface ForwardRequestPort {
    /** Starts forwarding; the handler hears how it ends unless the request is cancelled first. */
    InFlight forward(UpstreamRequest request, UpstreamResponseHandler handler);

    /** A forwarded request that can still be abandoned, for instance because its client went away. */
    interface InFlight {
        /** Aborts the backend exchange and frees its connection; does nothing once the exchange has ended. */
        void cancel();
    }
}

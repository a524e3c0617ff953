package dev.junction.domain.port;

/**
 * Sends a request to a backend server and streams its answer back. Implementations must never block the
 * calling thread and must honour back-pressure both ways: request bytes are read only as fast as the backend
 * takes them, response bytes only as fast as the client takes them.
 */
public interface ForwardRequestPort {
    void forward(UpstreamRequest request, UpstreamResponseHandler handler);
}

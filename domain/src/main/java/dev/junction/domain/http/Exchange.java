package dev.junction.domain.http;

import dev.junction.domain.port.ForwardFailure;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * One request in flight and the means to answer it. The inbound adapter implements it over its own exchange,
 * so middlewares and the proxy read and edit the request in place, then either answer it themselves or hand it
 * on. Every method may be called from any thread; answering happens exactly once.
 */
public interface Exchange extends RoutingRequest {

    /** "http" or "https": how the client reached Junction. */
    String scheme();

    /** The Host header as the client sent it (with port), or "" when absent. */
    String hostHeader();

    /** The escaped path that will be forwarded (the sanitised request path until a middleware changes it). */
    String rawPath();

    void setRawPath(String rawPath);

    /** The raw query string without '?', or null when the request has none. */
    String rawQuery();

    HttpHeaders requestHeaders();

    /**
     * Whether the backend is told the client's address in {@code X-Forwarded-For}; a {@code headers} middleware
     * with {@code X-Forwarded-For: ""} turns it off, as in Traefik.
     */
    default boolean forwardsClientAddress() {
        return true;
    }

    /** The declared request body length: -1 when unknown (chunked), 0 when there is no body. */
    long requestContentLength();

    /** The request body; subscribe at most once. Reads happen only as fast as the subscriber requests. */
    Flow.Publisher<ByteBuffer> requestBody();

    /** Answers with a small body produced by Junction itself (errors, authentication challenges). */
    void respond(int status, HttpHeaders headers, String body);

    /**
     * The service got no answer from the backend: answers with the failure's status, unless a middleware before
     * the service (retry) tries again. Wrappers that edit answers edit this one too.
     */
    default void failed(ForwardFailure failure, HttpHeaders headers, String body) {
        respond(failure.status(), headers, body);
    }

    /**
     * Answers with a streamed body: status and headers first, then the body as the publisher delivers it. A body
     * that ends in error aborts the connection, so a truncated response never looks complete to the client.
     */
    void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body);

    /** Runs CPU-heavy work (password hashing) away from the IO thread, then continues from there. */
    void offload(Runnable task);

    /**
     * Runs {@code action} once if the client disconnects while its request is being handled, so work done only for
     * it (a backend request still waiting for its answer) can be abandoned. Junction watches for this while it
     * waits for the backend; a request whose body is still being read notices a disconnect by its failed read.
     */
    void onClientGone(Runnable action);
}

package dev.junction.domain.port;

import dev.junction.domain.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Receives a backend's answer. Exactly one of the two methods is called once. After {@code onResponse}, a
 * failure of the backend shows as {@code onError} on the body publisher, never as a normal end.
 */
public interface UpstreamResponseHandler {

    /** The backend answered; {@code body} is null when the response has no body. */
    void onResponse(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body);

    /** No answer came: the backend could not be reached, timed out, or broke before sending headers. */
    void onFailure(ForwardFailure failure, Throwable cause);
}

package dev.junction.domain.middleware;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.RequestTarget;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * An exchange for middleware tests: the request parts are set fluently, every answer is recorded. Offloaded work
 * runs at once; client-gone actions are kept but never run.
 */
public final class RecordingExchange implements Exchange {
    private long contentLength;
    private byte[] requestBytes = new byte[0];
    private final ListHeaders requestHeaders = new ListHeaders();
    private final List<Runnable> clientGoneActions = new ArrayList<>();
    private String method = "GET";
    private String scheme = "http";
    private String hostHeader = "example.com";
    private String rawPath = "/";
    private String rawQuery;
    private InetAddress clientAddress = InetAddress.getLoopbackAddress();

    private int answers;
    private int status;
    private HttpHeaders responseHeaders;
    private String responseBody;
    private Flow.Publisher<ByteBuffer> streamedBody;

    /** A request body of these bytes, its length unknown up front (as a chunked one's). */
    public RecordingExchange withChunkedBody(String body) {
        this.requestBytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.contentLength = -1;
        return this;
    }

    public RecordingExchange withContentLength(long contentLength) {
        this.contentLength = contentLength;
        return this;
    }

    public RecordingExchange withMethod(String method) {
        this.method = method;
        return this;
    }

    public RecordingExchange withScheme(String scheme) {
        this.scheme = scheme;
        return this;
    }

    public RecordingExchange withHostHeader(String hostHeader) {
        this.hostHeader = hostHeader;
        return this;
    }

    public RecordingExchange withRawPath(String rawPath) {
        this.rawPath = rawPath;
        return this;
    }

    public RecordingExchange withRawQuery(String rawQuery) {
        this.rawQuery = rawQuery;
        return this;
    }

    /** The connected peer, given as an IP literal (never resolved through DNS). */
    public RecordingExchange withClientAddress(String ipLiteral) {
        try {
            this.clientAddress = InetAddress.getByName(ipLiteral);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ipLiteral, e);
        }
        return this;
    }

    public RecordingExchange withHeader(String name, String value) {
        requestHeaders.add(name, value);
        return this;
    }

    /** How many times the exchange was answered, by {@link #respond} or {@link #stream}. */
    public int answers() {
        return answers;
    }

    public boolean answered() {
        return answers > 0;
    }

    /** The status of the last answer; 0 when there was none. */
    public int status() {
        return status;
    }

    /** The headers of the last answer; null when there was none. */
    public HttpHeaders responseHeaders() {
        return responseHeaders;
    }

    /** The body given to {@link #respond}; null when unanswered or streamed. */
    public String responseBody() {
        return responseBody;
    }

    /** The body given to {@link #stream}; null when unanswered or answered by {@link #respond}. */
    public Flow.Publisher<ByteBuffer> streamedBody() {
        return streamedBody;
    }

    public List<Runnable> clientGoneActions() {
        return List.copyOf(clientGoneActions);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String host() {
        return RequestTarget.canonicalHost(hostHeader);
    }

    @Override
    public String path() {
        return RequestTarget.unescape(rawPath);
    }

    @Override
    public List<String> headerValues(String name) {
        return requestHeaders.all(name);
    }

    @Override
    public List<String> queryValues(String name) {
        return null;
    }

    @Override
    public InetAddress clientAddress() {
        return clientAddress;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String hostHeader() {
        return hostHeader;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public void setRawPath(String rawPath) {
        this.rawPath = rawPath;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public ListHeaders requestHeaders() {
        return requestHeaders;
    }

    @Override
    public long requestContentLength() {
        return contentLength;
    }

    @Override
    public Flow.Publisher<ByteBuffer> requestBody() {
        byte[] bytes = requestBytes;
        return subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                private boolean done;

                @Override
                public void request(long n) {
                    if (done) {
                        return;
                    }
                    done = true;
                    if (bytes.length > 0) {
                        subscriber.onNext(ByteBuffer.wrap(bytes));
                    }
                    subscriber.onComplete();
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        };
    }

    @Override
    public void respond(int status, HttpHeaders headers, String body) {
        answers++;
        this.status = status;
        this.responseHeaders = headers;
        this.responseBody = body;
        this.streamedBody = null;
    }

    @Override
    public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
        answers++;
        this.status = status;
        this.responseHeaders = headers;
        this.responseBody = null;
        this.streamedBody = body;
    }

    @Override
    public void offload(Runnable task) {
        task.run();
    }

    @Override
    public void onClientGone(Runnable action) {
        clientGoneActions.add(action);
    }
}

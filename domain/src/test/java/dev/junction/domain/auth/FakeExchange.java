package dev.junction.domain.auth;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Flow;

/** An exchange that records its answer and holds offloaded work until the test runs it. */
final class FakeExchange implements Exchange {
    private final ListHeaders requestHeaders = new ListHeaders();
    private final Queue<Runnable> offloaded = new ArrayDeque<>();
    int status;
    HttpHeaders responseHeaders;
    String responseBody;
    int answers;

    FakeExchange header(String name, String value) {
        requestHeaders.add(name, value);
        return this;
    }

    /** Runs the work handed to {@link #offload}, as the worker pool would; returns how many tasks ran. */
    int runOffloaded() {
        int ran = 0;
        for (Runnable task = offloaded.poll(); task != null; task = offloaded.poll()) {
            task.run();
            ran++;
        }
        return ran;
    }

    int pendingOffloaded() {
        return offloaded.size();
    }

    @Override
    public void onClientGone(Runnable action) {
        throw new UnsupportedOperationException("onClientGone");
    }

    @Override
    public void offload(Runnable task) {
        offloaded.add(task);
    }

    @Override
    public void respond(int status, HttpHeaders headers, String body) {
        this.status = status;
        this.responseHeaders = headers;
        this.responseBody = body;
        answers++;
    }

    @Override
    public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
        throw new UnsupportedOperationException("stream");
    }

    @Override
    public HttpHeaders requestHeaders() {
        return requestHeaders;
    }

    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public String hostHeader() {
        return "example.com";
    }

    @Override
    public String rawPath() {
        return "/";
    }

    @Override
    public void setRawPath(String rawPath) {
        throw new UnsupportedOperationException("setRawPath");
    }

    @Override
    public String rawQuery() {
        return null;
    }

    @Override
    public long requestContentLength() {
        return 0;
    }

    @Override
    public Flow.Publisher<ByteBuffer> requestBody() {
        throw new UnsupportedOperationException("requestBody");
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String host() {
        return "example.com";
    }

    @Override
    public String path() {
        return "/";
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
        return InetAddress.getLoopbackAddress();
    }
}

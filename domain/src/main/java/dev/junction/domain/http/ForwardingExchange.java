package dev.junction.domain.http;

import dev.junction.domain.port.ForwardFailure;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * An exchange that passes everything to another one. A middleware that must see or edit the answer (response
 * headers, CORS) hands its successor a subclass that overrides {@link #respond}, {@link #stream} and
 * {@link #failed}; it then sees every answer given after it, the backend's and those of later middlewares alike,
 * as Traefik's wrapped response writer does.
 */
public abstract class ForwardingExchange implements Exchange {
    private final Exchange delegate;

    protected ForwardingExchange(Exchange delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    protected final Exchange delegate() {
        return delegate;
    }

    @Override
    public String method() {
        return delegate.method();
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public String path() {
        return delegate.path();
    }

    @Override
    public List<String> headerValues(String name) {
        return delegate.headerValues(name);
    }

    @Override
    public List<String> queryValues(String name) {
        return delegate.queryValues(name);
    }

    @Override
    public InetAddress clientAddress() {
        return delegate.clientAddress();
    }

    @Override
    public String scheme() {
        return delegate.scheme();
    }

    @Override
    public String hostHeader() {
        return delegate.hostHeader();
    }

    @Override
    public String rawPath() {
        return delegate.rawPath();
    }

    @Override
    public void setRawPath(String rawPath) {
        delegate.setRawPath(rawPath);
    }

    @Override
    public String rawQuery() {
        return delegate.rawQuery();
    }

    @Override
    public HttpHeaders requestHeaders() {
        return delegate.requestHeaders();
    }

    @Override
    public boolean forwardsClientAddress() {
        return delegate.forwardsClientAddress();
    }

    @Override
    public long requestContentLength() {
        return delegate.requestContentLength();
    }

    @Override
    public Flow.Publisher<ByteBuffer> requestBody() {
        return delegate.requestBody();
    }

    @Override
    public void respond(int status, HttpHeaders headers, String body) {
        delegate.respond(status, headers, body);
    }

    @Override
    public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
        delegate.stream(status, headers, body);
    }

    @Override
    public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
        delegate.failed(failure, headers, body);
    }

    @Override
    public void offload(Runnable task) {
        delegate.offload(task);
    }

    @Override
    public void onClientGone(Runnable action) {
        delegate.onClientGone(action);
    }
}

package dev.junction.httpclient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A request body producer that tells when the body has been written whole: when it ends the stream on the
 * connection, every byte is in HttpCore's hands, ahead of anything else the connection will carry. Only then may
 * the connection take another request; a body that was handed on but not yet written when the answer came would
 * otherwise be dropped with the exchange, and the backend would read the next request as its rest.
 */
final class SentBodyProducer implements AsyncEntityProducer {
    private final AsyncEntityProducer delegate;
    private final Runnable whenSent;

    SentBodyProducer(AsyncEntityProducer delegate, Runnable whenSent) {
        this.delegate = delegate;
        this.whenSent = whenSent;
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        delegate.produce(new DataStreamChannel() {
            @Override
            public void requestOutput() {
                channel.requestOutput();
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public void endStream() throws IOException {
                channel.endStream();
                whenSent.run();
            }

            @Override
            public void endStream(List<? extends Header> trailers) throws IOException {
                channel.endStream(trailers);
                whenSent.run();
            }
        });
    }

    @Override
    public int available() {
        return delegate.available();
    }

    @Override
    public boolean isRepeatable() {
        return delegate.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
        delegate.failed(cause);
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }

    @Override
    public long getContentLength() {
        return delegate.getContentLength();
    }

    @Override
    public String getContentType() {
        return delegate.getContentType();
    }

    @Override
    public String getContentEncoding() {
        return delegate.getContentEncoding();
    }

    @Override
    public boolean isChunked() {
        return delegate.isChunked();
    }

    @Override
    public Set<String> getTrailerNames() {
        return delegate.getTrailerNames();
    }
}

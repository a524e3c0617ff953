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
 * connection with as many bytes as it declared, every byte is in HttpCore's hands, ahead of anything else the
 * connection will carry. Only then may the connection take another request. An end that comes short of the declared
 * length does not count: HttpCore's length encoder accepts it silently, and the backend would read the next request
 * as the rest of the body. (That happens when the backend answers early: the entrypoint then drains the client's
 * remaining body itself, and the body publisher sees its end early.)
 */
final class SentBodyProducer implements AsyncEntityProducer {
    private final AsyncEntityProducer delegate;
    private final Runnable whenSent;
    private final Counting counting = new Counting();
    private long written;

    SentBodyProducer(AsyncEntityProducer delegate, Runnable whenSent) {
        this.delegate = delegate;
        this.whenSent = whenSent;
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        counting.target = channel;
        delegate.produce(counting);
    }

    /**
     * The connection's channel as the body's producer sees it: one per body, not one per call, since HttpCore asks
     * for output at every write opportunity. The producer may keep it and ask for output from another thread.
     */
    private final class Counting implements DataStreamChannel {
        private volatile DataStreamChannel target;

        @Override
        public void requestOutput() {
            target.requestOutput();
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = target.write(src);
            written += n;
            return n;
        }

        @Override
        public void endStream() throws IOException {
            target.endStream();
            ended();
        }

        @Override
        public void endStream(List<? extends Header> trailers) throws IOException {
            target.endStream(trailers);
            ended();
        }
    }

    private void ended() {
        long declared = delegate.getContentLength();
        if (declared < 0 || written == declared) {
            whenSent.run();
        }
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

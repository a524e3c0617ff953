package dev.junction.bootstrap.e2e.forwarding;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that speaks HTTP/2 over cleartext with prior knowledge (Undertow with HTTP/2 on a plain listener), as
 * gRPC servers do: it answers each request with what it saw (protocol, method, path, body length, TE) and adds
 * the trailers it was given, the way a gRPC server ends a call with its status.
 */
final class H2cBackend implements AutoCloseable {
    private final Undertow server;
    private final AtomicInteger hits = new AtomicInteger();

    private H2cBackend(String contentType, byte[] prefix, Map<String, String> trailers) {
        HttpHandler handler = exchange -> exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            hits.incrementAndGet();
            String seen = ex.getProtocol() + " " + ex.getRequestMethod() + " " + ex.getRequestPath() + " "
                    + body.length + " bytes, te=" + ex.getRequestHeaders().getFirst("TE") + ", type="
                    + ex.getRequestHeaders().getFirst("Content-Type") + ", host=" + ex.getHostAndPort();
            ex.getResponseHeaders().put(HttpString.tryFromString("Content-Type"), contentType);
            ex.getResponseHeaders().put(HttpString.tryFromString("X-Seen"), seen);
            if (!trailers.isEmpty()) {
                HeaderMap map = new HeaderMap();
                trailers.forEach((name, value) -> map.put(HttpString.tryFromString(name), value));
                ex.putAttachment(HttpAttachments.RESPONSE_TRAILERS, map);
            }
            byte[] answer = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, answer, 0, prefix.length);
            System.arraycopy(body, 0, answer, prefix.length, body.length);
            // a callback of our own keeps Undertow from declaring a Content-Length, as a gRPC server streams
            ex.getResponseSender().send(java.nio.ByteBuffer.wrap(answer), new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange done, Sender sender) {
                    done.endExchange();
                }

                @Override
                public void onException(HttpServerExchange failed, Sender sender, java.io.IOException e) {
                    failed.endExchange();
                }
            });
        });
        this.server = Undertow.builder()
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setIoThreads(1)
                .setWorkerThreads(2)
                .addHttpListener(0, "127.0.0.1")
                .setHandler(handler)
                .build();
        server.start();
    }

    /** Echoes the request body after {@code prefix}, under {@code contentType}, then sends {@code trailers}. */
    static H2cBackend echoing(String contentType, byte[] prefix, Map<String, String> trailers) {
        return new H2cBackend(contentType, prefix, trailers);
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    String url() {
        return "h2c://127.0.0.1:" + port();
    }

    int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop();
    }
}

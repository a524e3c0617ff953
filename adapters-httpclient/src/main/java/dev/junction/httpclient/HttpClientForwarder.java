package dev.junction.httpclient;

import dev.junction.domain.config.statics.ServersTransportConfig;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.ObservedBody;
import dev.junction.domain.port.ForwardFailure;
import dev.junction.application.port.out.Forwarder;
import dev.junction.domain.port.UpstreamRequest;
import dev.junction.domain.port.UpstreamResponseHandler;
import dev.junction.httpclient.tls.TlsTrust;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.DefaultConnectionKeepAliveStrategy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactive.ReactiveEntityProducer;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ssl.SSLIOSession;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.reactivestreams.FlowAdapters;
import org.slf4j.LoggerFactory;

/**
 * Forwards requests with HttpClient5's async client. Nothing here blocks: the request body is pulled from the
 * client as the backend's socket takes it, and the response body is pushed to the client as it drains. The
 * transport settings follow Traefik's {@code serversTransport}: dial timeout, response-header timeout (time to
 * the response head after the request was fully sent), idle connection timeout and idle connections per host.
 * Servers whose URL says {@code h2c} get HTTP/2 over cleartext with prior knowledge, as Traefik speaks to them (gRPC
 * backends): their exchanges are multiplexed on one connection per server by a second, HTTP/2-only client, opened
 * when the first such request comes, and their trailers reach the response body. HTTPS servers are offered h2 and
 * HTTP/1.1 through ALPN, as Traefik offers them, and speak whichever they choose.
 */
public final class HttpClientForwarder implements Forwarder {
    /**
     * An HTTP/1.1 connection's read size: twice HttpCore's default. A 1 MiB body then takes 16 reads, hand-offs to
     * the client's IO thread and client writes instead of 32: a third fewer system calls, 8% less CPU per MiB. The
     * cost is memory: HttpCore gives each open backend connection three buffers of this size (192 KiB).
     */
    private static final int HTTP1_BUFFER = 64 * 1024;
    /**
     * What an HTTP/1.1 backend may send ahead of the client: four reads, so a streamed body is granted more once
     * per two reads rather than after every one (see {@link StreamedBody}).
     */
    private static final int HTTP1_WINDOW = 4 * HTTP1_BUFFER;
    /**
     * Direct buffers lent to streamed bodies at once, one read each: 8 MiB of direct memory at most, plus one per IO
     * thread kept for reads to land in. Ten 1 MiB downloads use about thirty, fifty 64 KiB ones about a hundred; past
     * the limit bodies are copied to the heap.
     */
    private static final int LENT_CHUNKS = 128;
    private static final String NO_USER_AGENT = "junction.no-user-agent";
    private static final String EXCHANGE = "junction.exchange";

    private final CloseableHttpAsyncClient client;
    private final DirectChunks chunks = new DirectChunks(HTTP1_BUFFER, LENT_CHUNKS);
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor dnsRefresher = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "junction-dns-refresh");
                t.setDaemon(true);
                return t;
            });
    private final RefreshingDnsResolver dns = new RefreshingDnsResolver(SystemDefaultDnsResolver.INSTANCE,
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(5), System::nanoTime, dnsRefresher);
    private final Duration responseHeaderTimeout;
    private final ServersTransportConfig transport;
    private CloseableHttpAsyncClient h2c;
    private boolean closed;

    public HttpClientForwarder(ServersTransportConfig transport) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(timeout(transport.dialTimeout()))
                .setSocketTimeout(Timeout.DISABLED)
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(10_000)
                .setMaxConnTotal(100_000)
                .setDnsResolver(dns)
                .setTlsStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(TlsTrust.context(transport.rootCAs(), transport.insecureSkipVerify(),
                                transport.certificates()))
                        .setHostnameVerifier(transport.insecureSkipVerify() ? NoopHostnameVerifier.INSTANCE : null)
                        .buildAsync())
                .build();
        int maxIdle = transport.effectiveMaxIdleConnsPerHost();
        IdleAllowance<HttpRoute> idle = new IdleAllowance<>(maxIdle, r -> pool.getStats(r).getAvailable());
        IdleLimitWarning churn = new IdleLimitWarning(maxIdle, System::nanoTime,
                message -> System.getLogger("junction.forwarding").log(System.Logger.Level.WARNING, message));
        var builder = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setHttp1Config(Http1Config.custom()
                        .setBufferSize(HTTP1_BUFFER)
                        .setInitialWindowSize(HTTP1_WINDOW)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Runtime.getRuntime().availableProcessors()))
                        .setSoTimeout(Timeout.DISABLED)
                        .setTcpNoDelay(true)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.DISABLED)
                        .setRedirectsEnabled(false)
                        .build())
                .setConnectionReuseStrategy((request, response, context) -> {
                    if (maxIdle == 0 || !DefaultConnectionReuseStrategy.INSTANCE.keepAlive(request, response, context)) {
                        return false;
                    }
                    if (context.getAttribute(EXCHANGE) instanceof Exchange exchange && !exchange.requestSent) {
                        // The backend answered before it had the whole body (nginx's `return` does). Whatever of
                        // the body is still to come may never come (the entrypoint drains the client's rest once the
                        // answer is complete), and the backend would read the next request on this connection as
                        // the rest of this body: a desync. Go's transport under Traefik also closes a connection
                        // whose request was not fully written.
                        return false;
                    }
                    RouteInfo route = HttpClientContext.castOrCreate(context).getHttpRoute();
                    if (!(route instanceof HttpRoute r) || idle.mayWait(r)) {
                        return true;
                    }
                    churn.closedAtLimit(r.getTargetHost());
                    return false;
                })
                .setKeepAliveStrategy(DefaultConnectionKeepAliveStrategy.INSTANCE)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .disableContentCompression()
                .addRequestInterceptorLast((request, entity, context) -> {
                    if (context.getAttribute(NO_USER_AGENT) != null) {
                        request.removeHeaders("User-Agent");
                    }
                    // An HTTPS backend may choose h2 through ALPN, which carries the Host as :authority. Set here,
                    // after the route (and so the TLS server name) was taken from the server's URL.
                    if ("https".equals(request.getScheme())) {
                        Header host = request.getFirstHeader("Host");
                        if (host != null) {
                            request.setAuthority(authority(host.getValue()));
                        }
                    }
                })
                .replaceExecInterceptor(ChainElement.PROTOCOL.name(), (request, entity, scope, chain, callback) -> {
                    // In place of HttpClient's protocol step, which would answer a backend's 401 or 407 with
                    // credentials of its own and, to that end, parsed every request's URI again. A proxy passes
                    // challenges on to its client; every request here already names its scheme and authority.
                    if (Method.CONNECT.isSame(request.getMethod())) {
                        throw new ProtocolException("CONNECT is not forwarded");
                    }
                    if (scope.clientContext.getAttribute(EXCHANGE) instanceof Exchange exchange) {
                        exchange.runtime = scope.execRuntime;
                    }
                    chain.proceed(request, entity, scope, callback);
                });
        if (!logsSessions()) {
            builder.setIoSessionDecorator(session -> session instanceof SSLIOSession ? session
                    : new LandingSession(session, chunks));
        }
        if (!transport.idleConnTimeout().isZero()) {
            builder.evictIdleConnections(TimeValue.ofMilliseconds(transport.idleConnTimeout().toMillis()));
        }
        this.client = builder.build();
        this.transport = transport;
        this.responseHeaderTimeout = transport.responseHeaderTimeout();
        this.timer = responseHeaderTimeout.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-response-header-timeout");
            t.setDaemon(true);
            return t;
        });
        client.start();
    }

    /**
     * Whether HttpClient's session or wire logging is on. HttpClient logs both through a session decorator of its
     * own, which the landing one would replace; whoever turned them on to debug a backend gets them, without landing.
     */
    private static boolean logsSessions() {
        return LoggerFactory.getLogger("org.apache.hc.client5.http.wire").isDebugEnabled()
                || LoggerFactory.getLogger("org.apache.hc.core5.reactor.IOSessionImpl").isDebugEnabled();
    }

    private static Timeout timeout(Duration d) {
        return d.isZero() || d.isNegative() ? Timeout.DISABLED : Timeout.ofMilliseconds(d.toMillis());
    }

    /** The HTTP/2-only client for {@code h2c} servers, started on first use; null once this forwarder is closed. */
    private synchronized CloseableHttpAsyncClient h2c() {
        if (h2c == null && !closed) {
            var builder = HttpAsyncClients.customHttp2()
                    .setDnsResolver(dns)
                    .setIOReactorConfig(IOReactorConfig.custom()
                            .setIoThreadCount(1)
                            .setSoTimeout(Timeout.DISABLED)
                            .setTcpNoDelay(true)
                            .build())
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(timeout(transport.dialTimeout()))
                            .setSocketTimeout(Timeout.DISABLED)
                            .build())
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.DISABLED)
                            .setRedirectsEnabled(false)
                            .build())
                    .disableAutomaticRetries()
                    .disableRedirectHandling()
                    .disableCookieManagement()
                    .disableAuthCaching()
                    .addRequestInterceptorLast((request, entity, context) -> {
                        if (context.getAttribute(NO_USER_AGENT) != null) {
                            request.removeHeaders("User-Agent");
                        }
                    });
            if (!transport.idleConnTimeout().isZero()) {
                builder.evictIdleConnections(TimeValue.ofMilliseconds(transport.idleConnTimeout().toMillis()));
            }
            h2c = builder.build();
            h2c.start();
        }
        return h2c;
    }

    @Override
    public InFlight forward(UpstreamRequest r, UpstreamResponseHandler handler) {
        boolean h2 = r.scheme().equals("h2c");
        HttpHost target = new HttpHost(h2 ? "http" : r.scheme(), r.host(), r.port());
        BasicHttpRequest request = new BasicHttpRequest(r.method(), target, r.target());
        r.headers().forEach((name, value) -> {
            if (!h2) {
                request.addHeader(name, value);
            } else if (name.equalsIgnoreCase("Host")) {
                request.setAuthority(authority(value));
            } else {
                request.addHeader(name.toLowerCase(Locale.ROOT), value);
            }
        });
        Exchange exchange = new Exchange(handler, h2);
        Flow.Publisher<ByteBuffer> body = r.body();
        AsyncEntityProducer entity = body == null ? null : exchange.producer(body, r.contentLength());
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(EXCHANGE, exchange);
        if (!request.containsHeader("User-Agent")) {
            context.setAttribute(NO_USER_AGENT, Boolean.TRUE);
        }
        CloseableHttpAsyncClient via = h2 ? h2c() : client;
        if (via == null) {
            handler.onFailure(ForwardFailure.UNREACHABLE, new IllegalStateException("the forwarder is closed"));
            return () -> { };
        }
        exchange.future = via.execute(target, new BasicRequestProducer(request, entity),
                new BufferingResponseConsumer(exchange, HTTP1_WINDOW, chunks), null, context,
                exchange.whenDone());
        if (body == null) {
            exchange.startHeaderTimer();
        }
        return exchange::cancelUpstream;
    }

    /** A Host header as HTTP/2's {@code :authority}: host and port apart when they parse, else as given. */
    private static URIAuthority authority(String host) {
        try {
            return URIAuthority.create(host);
        } catch (java.net.URISyntaxException unparsed) {
            return new URIAuthority(host);
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        CloseableHttpAsyncClient second;
        synchronized (this) {
            closed = true;
            second = h2c;
        }
        if (second != null) {
            second.close(CloseMode.GRACEFUL);
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        dnsRefresher.shutdownNow();
    }

    static ForwardFailure classify(Throwable cause) {
        Throwable t = cause;
        while (t != null) {
            if (t instanceof ConnectTimeoutException) {
                return ForwardFailure.CONNECT_TIMEOUT;
            }
            if (t instanceof SocketTimeoutException) {
                return ForwardFailure.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return ForwardFailure.UNREACHABLE;
            }
            t = t.getCause();
        }
        return ForwardFailure.BAD_GATEWAY;
    }

    /** One forwarded request: tells the handler exactly once, and owns the response-header timer. */
    private final class Exchange implements BufferingResponseConsumer.Receiver {
        private final UpstreamResponseHandler handler;
        private final boolean multiplexed;
        private final AtomicBoolean told = new AtomicBoolean();
        private volatile Future<Void> future;
        private volatile AsyncExecRuntime runtime;
        private volatile ScheduledFuture<?> headerTimer;
        private volatile boolean timedOut;
        private volatile boolean headArrived;
        private volatile boolean requestSent = true;

        Exchange(UpstreamResponseHandler handler, boolean multiplexed) {
            this.handler = handler;
            this.multiplexed = multiplexed;
        }

        void startHeaderTimer() {
            if (timer != null && !told.get()) {
                headerTimer = timer.schedule(() -> {
                    if (headArrived || !told.compareAndSet(false, true)) {
                        return;
                    }
                    timedOut = true;
                    cancelUpstream();
                    handler.onFailure(ForwardFailure.TIMEOUT,
                            new SocketTimeoutException("no response headers within " + responseHeaderTimeout));
                }, responseHeaderTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /**
         * The request body as HttpClient takes it, noting when it has been written whole (the connection may carry
         * another request only then) and starting the response-header timer at that moment, as Traefik counts it.
         */
        AsyncEntityProducer producer(Flow.Publisher<ByteBuffer> body, long length) {
            requestSent = false;
            return new SentBodyProducer(new ReactiveEntityProducer(FlowAdapters.toPublisher(body), length, null, null),
                    () -> {
                        requestSent = true;
                        startHeaderTimer();
                    });
        }

        /**
         * Abandons the backend exchange. Cancelling the future alone does not always reach an HTTP/1.1 request
         * already on the wire (it may only cancel the finished connection lease), so that connection is discarded
         * too. An HTTP/2 stream is reset by the cancellation; its connection carries other streams and stays.
         */
        private void cancelUpstream() {
            Future<Void> f = future;
            if (f != null) {
                f.cancel(true);
            }
            AsyncExecRuntime r = runtime;
            if (r != null && !multiplexed) {
                r.discardEndpoint();
            }
        }

        /** The response body, whose cancellation also aborts the exchange and so frees the connection. */
        private Flow.Publisher<ByteBuffer> cancellable(Flow.Publisher<ByteBuffer> body) {
            return new ObservedBody(body, () -> { }, () -> { }, this::cancelUpstream);
        }

        @Override
        public void headArrived() {
            headArrived = true;
            cancelTimer();
        }

        @Override
        public void respond(HttpResponse head, Flow.Publisher<ByteBuffer> body) {
            if (!told.compareAndSet(false, true)) {
                return;
            }
            ListHeaders headers = new ListHeaders();
            for (Header h : head.getHeaders()) {
                headers.add(h.getName(), h.getValue());
            }
            handler.onResponse(head.getCode(), headers,
                    body == null ? null : body instanceof BufferedBody ? body : cancellable(body));
        }

        @Override
        public void fail(Exception cause) {
            if (told.compareAndSet(false, true)) {
                cancelTimer();
                handler.onFailure(timedOut ? ForwardFailure.TIMEOUT : classify(cause), cause);
            }
        }

        private void cancelTimer() {
            ScheduledFuture<?> t = headerTimer;
            if (t != null) {
                t.cancel(false);
            }
        }

        FutureCallback<Void> whenDone() {
            return new FutureCallback<>() {
                @Override
                public void completed(Void result) {
                }

                @Override
                public void failed(Exception ex) {
                    fail(ex);
                }

                @Override
                public void cancelled() {
                    fail(new CancellationException("the exchange was cancelled"));
                }
            };
        }
    }
}

package dev.junction.domain.middleware.forwardauth;

import dev.junction.domain.config.dynamic.ServiceConfig;
import dev.junction.domain.forwarding.ForwardedHeaders;
import dev.junction.domain.forwarding.HopByHopHeaders;
import dev.junction.domain.http.BodyDrain;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.ObservedBody;
import dev.junction.domain.http.StatusText;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.middleware.buffering.BodyCollector;
import dev.junction.domain.port.BodyBufferPort;
import dev.junction.domain.port.ForwardFailure;
import dev.junction.domain.port.ForwardRequestPort;
import dev.junction.domain.port.TimerPort;
import dev.junction.domain.port.UpstreamRequest;
import dev.junction.domain.port.UpstreamResponseHandler;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * {@code forwardAuth}: asks an authentication server about each request before letting it on, as Traefik does.
 * The auth request (GET unless {@code preserveRequestMethod}) carries the client's headers (or only
 * {@code authRequestHeaders}) and {@code X-Forwarded-Method/-Proto/-Host/-Uri/-For}, which come from the client
 * only with {@code trustForwardHeader}. A 2xx answer lets the request on with the {@code authResponseHeaders}
 * (and those matching {@code authResponseHeadersRegex}) copied onto it; any other answer goes to the client as
 * the auth server gave it, its {@code Location} resolved against the server's address unless
 * {@code preserveLocationHeader}; a 401 becomes a 302 to {@code authSigninURL} when one is set. With
 * {@code maxResponseBodySize}, the auth server's answer is read whole first, and one longer than that gives the
 * client an empty 401, whatever its status. An auth server that cannot be reached, or takes more than 30 s
 * (Traefik's client timeout), gives 500. The call is asynchronous: no thread waits for the auth server.
 */
public final class ForwardAuth implements Middleware {
    /** Everything the middleware needs to know, read from its definition. */
    public record Settings(URI address, boolean trustForwardHeader, List<String> authResponseHeaders,
                           Pattern authResponseHeadersRegex, List<String> authRequestHeaders,
                           List<String> addAuthCookiesToResponse, boolean preserveLocationHeader,
                           boolean preserveRequestMethod, boolean forwardBody, long maxBodySize,
                           long maxResponseBodySize, String authSigninUrl) {
        /** Bodies kept in memory up to this size when {@code maxBodySize} sets no smaller bound. */
        static final long MEMORY = 1024 * 1024;

        public Settings {
            Objects.requireNonNull(address, "address");
            authResponseHeaders = List.copyOf(authResponseHeaders);
            authRequestHeaders = List.copyOf(authRequestHeaders);
            addAuthCookiesToResponse = List.copyOf(addAuthCookiesToResponse);
            Objects.requireNonNull(authSigninUrl, "authSigninUrl");
        }
    }

    /** How long the auth server may take, as Traefik's forwardAuth client allows. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final ForwardRequestPort forwarder;
    private final TimerPort timer;
    private final BodyBufferPort buffers;
    private final String scheme;
    private final String host;
    private final int port;
    private final String target;
    private final Set<String> allowedRequestHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> cookieNames;

    public ForwardAuth(Settings settings, ForwardRequestPort forwarder, TimerPort timer, BodyBufferPort buffers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
        URI address = settings.address();
        this.scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("address must be an http or https URL, got \"" + address + "\"");
        }
        this.host = ServiceConfig.Server.host(address).orElseThrow(
                () -> new IllegalArgumentException("address has no host: \"" + address + "\""));
        int explicit = ServiceConfig.Server.port(address);
        this.port = explicit > 0 ? explicit : scheme.equals("https") ? 443 : 80;
        String path = address.getRawPath() == null || address.getRawPath().isEmpty() ? "/" : address.getRawPath();
        this.target = address.getRawQuery() == null ? path : path + "?" + address.getRawQuery();
        allowedRequestHeaders.addAll(settings.authRequestHeaders());
        this.cookieNames = new TreeSet<>(settings.addAuthCookiesToResponse());
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        boolean unknownConnect = exchange.method().equals("CONNECT") && exchange.requestContentLength() < 0;
        if (!settings.forwardBody() || exchange.requestContentLength() == 0 || unknownConnect) {
            ask(exchange, next, null);
            return;
        }
        long max = settings.maxBodySize();
        BodyBufferPort.Buffer body = buffers.create(max > 0 ? Math.min(max, Settings.MEMORY) : Settings.MEMORY);
        BodyCollector.collect(exchange.requestBody(), body, max, exchange::offload,
                () -> ask(new WithBody(exchange, body), next, body),
                why -> {
                    ListHeaders headers = PlainAnswer.headers();
                    int status = why == BodyCollector.Stop.TOO_LARGE ? 401 : why.status();
                    exchange.respond(status, headers, StatusText.of(status));
                });
    }

    /** Calls the auth server; with {@code requestBody}, the request's body (read whole before) goes along. */
    private void ask(Exchange exchange, HttpHandler next, BodyBufferPort.Buffer requestBody) {
        UpstreamRequest request = new UpstreamRequest(scheme, host, port,
                settings.preserveRequestMethod() ? exchange.method() : "GET", target, authHeaders(exchange),
                requestBody == null ? null : requestBody.contents(), requestBody == null ? 0 : requestBody.size());
        AtomicBoolean settled = new AtomicBoolean();
        AtomicReference<TimerPort.Scheduled> deadline = new AtomicReference<>();
        ForwardRequestPort.InFlight call = forwarder.forward(request, new UpstreamResponseHandler() {
            @Override
            public void onResponse(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
                long max = settings.maxResponseBodySize();
                if (max < 0 || body == null) {
                    if (settle(settled, deadline)) {
                        answered(exchange, next, requestBody, status, headers, body);
                    } else {
                        BodyDrain.drain(body);
                    }
                    return;
                }
                // the body is read whole first, still within the auth server's 30 s, as Go's client timeout counts it
                BodyBufferPort.Buffer answer = buffers.create(Math.min(max, Settings.MEMORY));
                BodyCollector.collect(body, answer, max, exchange::offload, () -> {
                    if (settle(settled, deadline)) {
                        answered(exchange, next, requestBody, status, headers,
                                ObservedBody.onEnd(answer.contents(), answer::release));
                    } else {
                        answer.release();
                    }
                }, why -> {
                    if (settle(settled, deadline)) {
                        release(requestBody);
                        if (why == BodyCollector.Stop.TOO_LARGE) {
                            exchange.respond(401, new ListHeaders(), "");
                        } else {
                            unavailable(exchange);
                        }
                    }
                });
            }

            @Override
            public void onFailure(ForwardFailure failure, Throwable cause) {
                if (settle(settled, deadline)) {
                    unavailable(exchange);
                }
            }
        });
        deadline.set(timer.schedule(TIMEOUT, () -> {
            if (settled.compareAndSet(false, true)) {
                call.cancel();
                unavailable(exchange);
            }
        }));
        if (settled.get()) {
            deadline.get().cancel();
        }
        exchange.onClientGone(call::cancel);
    }

    /** What the auth server said decides: on to the service, a sign-in redirect, or its answer to the client. */
    private void answered(Exchange exchange, HttpHandler next, BodyBufferPort.Buffer requestBody, int status,
                          HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
        if (status >= 200 && status < 300) {
            BodyDrain.drain(body);
            admit(exchange, next, headers);
            return;
        }
        release(requestBody);
        if (status == 401 && !settings.authSigninUrl().isEmpty()) {
            BodyDrain.drain(body);
            SignInRedirect.send(exchange, settings.authSigninUrl());
            return;
        }
        refuse(exchange, status, headers, body);
    }

    private static void release(BodyBufferPort.Buffer buffer) {
        if (buffer != null) {
            buffer.release();
        }
    }

    /** True for the first of answer, failure and timeout; it stops the timeout. */
    private static boolean settle(AtomicBoolean settled, AtomicReference<TimerPort.Scheduled> deadline) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        TimerPort.Scheduled d = deadline.get();
        if (d != null) {
            d.cancel();
        }
        return true;
    }

    private static void unavailable(Exchange exchange) {
        PlainAnswer.send(exchange, 500);
    }

    private HttpHeaders authHeaders(Exchange exchange) {
        HttpHeaders in = exchange.requestHeaders();
        List<String> connectionNamed = HopByHopHeaders.namedInConnection(in);
        ListHeaders out = new ListHeaders();
        in.forEach((name, value) -> {
            if (HopByHopHeaders.isHopByHop(name) || name.equalsIgnoreCase("Host")
                    || name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                    || HopByHopHeaders.isNamed(connectionNamed, name)
                    || !allowedRequestHeaders.isEmpty() && !allowedRequestHeaders.contains(name)) {
                return;
            }
            out.add(name, value);
        });
        boolean trust = settings.trustForwardHeader();
        String client = ForwardedHeaders.clientIp(exchange.clientAddress());
        List<String> prior = in.all("X-Forwarded-For");
        out.set("X-Forwarded-For", trust && !prior.isEmpty() ? String.join(", ", prior) + ", " + client : client);
        forwarded(out, in, "X-Forwarded-Method", exchange.method(), trust);
        forwarded(out, in, "X-Forwarded-Proto", exchange.scheme(), trust);
        String port = in.first("X-Forwarded-Port");
        if (trust && port != null && !port.isEmpty()) {
            out.set("X-Forwarded-Port", port);
        } else {
            out.remove("X-Forwarded-Port");
        }
        forwarded(out, in, "X-Forwarded-Host", exchange.hostHeader(), trust);
        String query = exchange.rawQuery();
        forwarded(out, in, "X-Forwarded-Uri", exchange.rawPath() + (query == null ? "" : "?" + query), trust);
        return out;
    }

    private static void forwarded(HttpHeaders out, HttpHeaders in, String name, String own, boolean trust) {
        String given = in.first(name);
        if (trust && given != null && !given.isEmpty()) {
            out.set(name, given);
        } else if (own != null && !own.isEmpty()) {
            out.set(name, own);
        } else {
            out.remove(name);
        }
    }

    private void admit(Exchange exchange, HttpHandler next, HttpHeaders auth) {
        HttpHeaders request = exchange.requestHeaders();
        for (String name : settings.authResponseHeaders()) {
            request.remove(name);
            auth.all(name).forEach(value -> request.add(name, value));
        }
        Pattern regex = settings.authResponseHeadersRegex();
        if (regex != null) {
            List<String> names = new ArrayList<>();
            request.forEach((name, value) -> names.add(name));
            names.stream().filter(name -> regex.matcher(name).find()).forEach(request::remove);
            auth.forEach((name, value) -> {
                if (regex.matcher(name).find()) {
                    request.add(name, value);
                }
            });
        }
        List<String> cookies = new ArrayList<>();
        if (!cookieNames.isEmpty()) {
            for (String cookie : auth.all("Set-Cookie")) {
                int eq = cookie.indexOf('=');
                if (eq > 0 && cookieNames.contains(cookie.substring(0, eq).trim())) {
                    cookies.add(cookie);
                }
            }
        }
        next.handle(cookies.isEmpty() ? exchange : new WithCookies(exchange, cookies));
    }

    private void refuse(Exchange exchange, int status, HttpHeaders auth, Flow.Publisher<ByteBuffer> body) {
        ListHeaders headers = new ListHeaders();
        List<String> connectionNamed = HopByHopHeaders.namedInConnection(auth);
        auth.forEach((name, value) -> {
            if (!HopByHopHeaders.isHopByHop(name) && !HopByHopHeaders.isNamed(connectionNamed, name)) {
                headers.add(name, value);
            }
        });
        String location = auth.first("Location");
        if (location != null && !location.isEmpty() && !settings.preserveLocationHeader()) {
            try {
                headers.set("Location", settings.address().resolve(location).toString());
            } catch (IllegalArgumentException unparseable) {
                headers.set("Location", location);
            }
        }
        exchange.stream(status, headers, body);
    }

    /** The request as it goes on after its body was read for the auth server: the body replayed from the buffer. */
    private static final class WithBody extends ForwardingExchange {
        private final BodyBufferPort.Buffer body;

        WithBody(Exchange delegate, BodyBufferPort.Buffer body) {
            super(delegate);
            this.body = body;
        }

        @Override
        public long requestContentLength() {
            return body.size();
        }

        @Override
        public Flow.Publisher<ByteBuffer> requestBody() {
            return ObservedBody.onEnd(body.contents(), body::release);
        }

        @Override
        public void respond(int status, HttpHeaders headers, String text) {
            body.release();
            super.respond(status, headers, text);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String text) {
            body.release();
            super.failed(failure, headers, text);
        }
    }

    /** Adds the auth server's chosen cookies to whatever answer the request gets. */
    private static final class WithCookies extends ForwardingExchange {
        private final List<String> cookies;

        WithCookies(Exchange delegate, List<String> cookies) {
            super(delegate);
            this.cookies = cookies;
        }

        private HttpHeaders with(HttpHeaders given) {
            ListHeaders headers = new ListHeaders();
            given.forEach(headers::add);
            cookies.forEach(cookie -> headers.add("Set-Cookie", cookie));
            return headers;
        }

        @Override
        public void respond(int status, HttpHeaders headers, String body) {
            super.respond(status, with(headers), body);
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            super.stream(status, with(headers), body);
        }

        @Override
        public void failed(ForwardFailure failure, HttpHeaders headers, String body) {
            super.failed(failure, with(headers), body);
        }
    }

    @Override
    public String toString() {
        return "forwardAuth " + settings.address();
    }
}

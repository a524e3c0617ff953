package dev.junction.application.proxy;

import dev.junction.domain.forwarding.HopByHopHeaders;
import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.port.ForwardFailure;
import dev.junction.domain.port.UpstreamResponseHandler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Relays a backend's answer to the client: its status, its end-to-end headers and its body as a stream; or,
 * when no answer came, the status Traefik uses for that failure with its status text as body.
 */
final class UpstreamAnswer implements UpstreamResponseHandler {
    private final Exchange exchange;

    UpstreamAnswer(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void onResponse(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
        ListHeaders out = new ListHeaders();
        List<String> connectionNamed = HopByHopHeaders.namedInConnection(headers);
        headers.forEach((n, v) -> {
            if (!HopByHopHeaders.isHopByHop(n) && !HopByHopHeaders.isNamed(connectionNamed, n)) {
                out.add(n, v);
            }
        });
        exchange.stream(status, out, body);
    }

    @Override
    public void onFailure(ForwardFailure failure, Throwable cause) {
        exchange.failed(failure, PlainText.headers(), failure.reason());
    }
}

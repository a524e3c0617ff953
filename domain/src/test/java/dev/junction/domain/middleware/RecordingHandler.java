package dev.junction.domain.middleware;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;

/** A {@code next} handler that only records that it was called and the exchange it was given. */
public final class RecordingHandler implements HttpHandler {
    private int calls;
    private Exchange exchange;

    @Override
    public void handle(Exchange exchange) {
        calls++;
        this.exchange = exchange;
    }

    public boolean called() {
        return calls > 0;
    }

    public int calls() {
        return calls;
    }

    /** The exchange of the last call; null when never called. */
    public Exchange exchange() {
        return exchange;
    }
}

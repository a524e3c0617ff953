package dev.junction.application.port.out;

import dev.junction.domain.config.statics.EntryPointTransport;
import dev.junction.domain.config.statics.Http2Settings;
import dev.junction.domain.http.HttpHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Opens the entrypoints' listening sockets and feeds their requests to Junction. */
public interface ListenPort {

    /**
     * One listener: name, host ("" = every interface), port (0 = any free port), how long it waits on its clients,
     * what its HTTP/2 clients may ask, and its handler.
     */
    record Listener(String name, String host, int port, EntryPointTransport transport, Http2Settings http2,
                    HttpHandler handler) {
        public Listener {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(http2, "http2");
            Objects.requireNonNull(handler, "handler");
        }
    }

    /** Running listeners. */
    interface Listening {
        /** Bound ports by entrypoint name. */
        Map<String, Integer> ports();

        /**
         * Stops accepting, lets requests in flight finish within the longest {@code graceTimeOut} of the listeners,
         * then closes.
         */
        void stop();
    }

    /** Binds every listener or none; a port in use throws {@link IllegalStateException} naming it. */
    Listening listen(List<Listener> listeners);
}

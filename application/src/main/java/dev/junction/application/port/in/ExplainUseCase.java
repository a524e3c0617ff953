package dev.junction.application.port.in;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Says which router would take a request and, for every router tried before it, why it did not. */
public interface ExplainUseCase {

    /** A request described on the command line. */
    record Query(String entryPoint, String method, String host, String path, Map<String, List<String>> headers,
                 String clientIp) {
        public Query {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(clientIp, "clientIp");
        }
    }

    /** Human-readable lines; the last one names the router that takes the request, or says none does. */
    List<String> explain(StartupRequest request, Query query);
}

package dev.junction.domain.rule;

import dev.junction.domain.http.RoutingRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request with exactly the values a test gives it; headers are looked up case-insensitively. */
record TestRequest(String method, String host, String path, Map<String, List<String>> headers,
        Map<String, List<String>> query, InetAddress clientAddress) implements RoutingRequest {

    static TestRequest get(String host, String path) {
        return new TestRequest("GET", host, path, Map.of(), Map.of(), address("192.0.2.1"));
    }

    static TestRequest host(String host) {
        return get(host, "/");
    }

    static TestRequest path(String path) {
        return get("example.com", path);
    }

    TestRequest withMethod(String m) {
        return new TestRequest(m, host, path, headers, query, clientAddress);
    }

    TestRequest withHeader(String name, String... values) {
        Map<String, List<String>> h = new HashMap<>(headers);
        h.put(name.toLowerCase(Locale.ROOT), List.of(values));
        return new TestRequest(method, host, path, h, query, clientAddress);
    }

    TestRequest withQuery(String key, String... values) {
        Map<String, List<String>> q = new HashMap<>(query);
        q.put(key, List.of(values));
        return new TestRequest(method, host, path, headers, q, clientAddress);
    }

    TestRequest withClient(String ip) {
        return new TestRequest(method, host, path, headers, query, address(ip));
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> queryValues(String name) {
        return query.get(name);
    }

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

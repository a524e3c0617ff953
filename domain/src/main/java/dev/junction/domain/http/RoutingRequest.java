package dev.junction.domain.http;

import java.net.InetAddress;
import java.util.List;

/**
 * What a router rule can look at. Values are already canonical so matchers compare without re-parsing: the host
 * is lower-cased without port or trailing dot, the path is the routing path (see {@code RoutingPath}).
 */
public interface RoutingRequest {

    String method();

    /** Canonical host, "" when the request has none. */
    String host();

    /** The routing path: unreserved escapes decoded, reserved ones kept. */
    String path();

    /** Every value line of a header; empty when absent. */
    List<String> headerValues(String name);

    /** Every value of a query parameter; null when the parameter is absent. */
    List<String> queryValues(String name);

    /** The address of the connected peer (never a forwarded header). */
    InetAddress clientAddress();
}

package dev.junction.domain.http;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A mutable, case-insensitive, multi-valued header map. Inbound adapters implement it over their own header
 * storage so middlewares edit headers in place without copying them per request.
 */
public interface HttpHeaders {

    /** The first value of {@code name}, or null. */
    String first(String name);

    /** Every value of {@code name}, in order; empty when absent. */
    List<String> all(String name);

    boolean contains(String name);

    /** Replaces every value of {@code name} with {@code value}. */
    void set(String name, String value);

    void add(String name, String value);

    void remove(String name);

    /** Each header line as name and value, in order. */
    void forEach(BiConsumer<String, String> action);
}

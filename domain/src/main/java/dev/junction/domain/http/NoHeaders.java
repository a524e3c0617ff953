package dev.junction.domain.http;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The header map of what has none, shared: the trailers of nearly every response, which would otherwise cost an
 * empty map per response. It cannot be changed.
 */
public final class NoHeaders implements HttpHeaders {
    public static final NoHeaders INSTANCE = new NoHeaders();

    private NoHeaders() {
    }

    @Override
    public String first(String name) {
        return null;
    }

    @Override
    public List<String> all(String name) {
        return List.of();
    }

    @Override
    public boolean contains(String name) {
        return false;
    }

    @Override
    public void set(String name, String value) {
        throw new UnsupportedOperationException("these headers cannot be changed");
    }

    @Override
    public void add(String name, String value) {
        throw new UnsupportedOperationException("these headers cannot be changed");
    }

    @Override
    public void remove(String name) {
        throw new UnsupportedOperationException("these headers cannot be changed");
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
    }
}

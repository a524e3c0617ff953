package dev.junction.domain.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A plain {@link HttpHeaders} over a list of lines, for headers that Junction builds itself. */
public final class ListHeaders implements HttpHeaders {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    @Override
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    @Override
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    @Override
    public boolean contains(String name) {
        return first(name) != null;
    }

    @Override
    public void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    @Override
    public void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    @Override
    public void remove(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.size(); i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        forEach((n, v) -> b.append(n).append(": ").append(v).append('\n'));
        return b.toString();
    }
}

package dev.junction.undertow;

import dev.junction.domain.http.HttpHeaders;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.function.BiConsumer;

/** Junction's header view over Undertow's own header map: edits happen in place, nothing is copied. */
final class UndertowHeaders implements HttpHeaders {
    private final HeaderMap map;

    UndertowHeaders(HeaderMap map) {
        this.map = map;
    }

    @Override
    public String first(String name) {
        return map.getFirst(name);
    }

    @Override
    public List<String> all(String name) {
        HeaderValues values = map.get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public boolean contains(String name) {
        return map.contains(name);
    }

    @Override
    public void set(String name, String value) {
        map.put(HttpString.tryFromString(name), value);
    }

    @Override
    public void add(String name, String value) {
        map.add(HttpString.tryFromString(name), value);
    }

    @Override
    public void remove(String name) {
        map.remove(name);
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        for (HeaderValues values : map) {
            String name = values.getHeaderName().toString();
            for (int i = 0; i < values.size(); i++) {
                action.accept(name, values.get(i));
            }
        }
    }
}

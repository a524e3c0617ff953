package dev.junction.domain.middleware.encoding;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.http.StatusText;
import dev.junction.domain.middleware.Middleware;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code encodedCharacters}: answers 400 when the escaped path holds an escape that is not allowed. Everything is
 * denied unless allowed: {@code %2F} (slash), {@code %5C} (backslash), {@code %00} (null), {@code %3B}
 * (semicolon), {@code %25} (percent), {@code %3F} (question mark), {@code %23} (hash), in either hex case. Such
 * escapes let a path mean one thing to Junction's rules and another to a backend that decodes it.
 */
public final class EncodedCharacters implements Middleware {
    /** Which escapes pass; each {@code true} allows one. */
    public record Allowed(boolean slash, boolean backSlash, boolean nullCharacter, boolean semicolon,
                          boolean percent, boolean questionMark, boolean hash) {
    }

    private final String[] denied;

    public EncodedCharacters(Allowed allowed) {
        List<String> deny = new ArrayList<>();
        add(deny, !allowed.slash(), "%2F");
        add(deny, !allowed.backSlash(), "%5C");
        add(deny, !allowed.nullCharacter(), "%00");
        add(deny, !allowed.semicolon(), "%3B");
        add(deny, !allowed.percent(), "%25");
        add(deny, !allowed.questionMark(), "%3F");
        add(deny, !allowed.hash(), "%23");
        this.denied = deny.toArray(String[]::new);
    }

    private static void add(List<String> deny, boolean denied, String escape) {
        if (denied) {
            deny.add(escape);
        }
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String path = exchange.rawPath();
        if (path.indexOf('%') >= 0) {
            String upper = path.toUpperCase(Locale.ROOT);
            for (String escape : denied) {
                if (upper.contains(escape)) {
                    PlainAnswer.send(exchange, 400, StatusText.of(400) + "\n");
                    return;
                }
            }
        }
        next.handle(exchange);
    }

    @Override
    public String toString() {
        return "encodedCharacters deny " + String.join(",", denied);
    }
}

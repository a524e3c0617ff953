package dev.junction.domain.middleware.path;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.RequestTarget;
import dev.junction.domain.middleware.Middleware;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stripPrefixRegex}: removes the first match, among the listed expressions in order, that starts the path;
 * like {@code stripPrefix} it forwards {@code /} for an empty result and sets {@code X-Forwarded-Prefix}.
 */
public final class StripPrefixRegex implements Middleware {
    private final List<Pattern> expressions;

    public StripPrefixRegex(List<Pattern> expressions) {
        this.expressions = List.copyOf(expressions);
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String escaped = exchange.rawPath();
        String decoded = RequestTarget.unescape(escaped);
        for (Pattern expression : expressions) {
            Matcher m = expression.matcher(decoded);
            if (m.find() && m.end() > m.start() && m.start() == 0) {
                String prefix = m.group();
                if (!PathRewrite.apply(exchange, PathRewrite.strip(escaped, decoded, prefix))) {
                    return;
                }
                exchange.requestHeaders().add(StripPrefix.FORWARDED_PREFIX, prefix);
                break;
            }
        }
        next.handle(exchange);
    }

    @Override
    public String toString() {
        return "stripPrefixRegex " + expressions;
    }
}

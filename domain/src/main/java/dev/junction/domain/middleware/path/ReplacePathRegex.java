package dev.junction.domain.middleware.path;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.text.GoTemplate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code replacePathRegex}: rewrites the escaped path with every match replaced (Go's {@code $1} and
 * {@code ${name}} replacement syntax), keeps the original in {@code X-Replaced-Path}, and answers 400 when the
 * result holds {@code .} or {@code ..} segments. A path the expression does not match passes unchanged.
 */
public final class ReplacePathRegex implements Middleware {
    private final Pattern regex;
    private final GoTemplate replacement;

    public ReplacePathRegex(Pattern regex, String replacement) {
        this.regex = Objects.requireNonNull(regex, "regex");
        this.replacement = GoTemplate.of(replacement);
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String current = exchange.rawPath();
        if (replacement.isEmpty() || !regex.matcher(current).find()) {
            next.handle(exchange);
            return;
        }
        String rewritten = replacement.replaceAll(regex, current);
        if (!PathRewrite.apply(exchange, rewritten)) {
            return;
        }
        exchange.requestHeaders().add(ReplacePath.REPLACED_PATH, current);
        next.handle(exchange);
    }

    @Override
    public String toString() {
        return "replacePathRegex " + regex + " -> " + replacement;
    }
}

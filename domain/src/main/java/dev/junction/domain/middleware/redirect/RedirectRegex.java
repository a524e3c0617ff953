package dev.junction.domain.middleware.redirect;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.PlainAnswer;
import dev.junction.domain.middleware.Middleware;
import dev.junction.domain.text.GoTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code redirectRegex}: matches the client's URL ({@code scheme://host[:port]/path?query}) and redirects to the
 * replacement. A URL the expression does not match, or that the replacement leaves unchanged, goes on to the
 * backend; a replacement that is not a valid URL answers 502, as in Traefik.
 */
public final class RedirectRegex implements Middleware {
    private final Pattern regex;
    private final GoTemplate replacement;
    private final boolean permanent;

    public RedirectRegex(Pattern regex, String replacement, boolean permanent) {
        this.regex = Objects.requireNonNull(regex, "regex");
        this.replacement = GoTemplate.of(replacement);
        this.permanent = permanent;
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        String url = ClientUrl.asSent(exchange);
        if (!regex.matcher(url).find()) {
            next.handle(exchange);
            return;
        }
        String target = replacement.replaceAll(regex, url);
        if (target.equals(url)) {
            next.handle(exchange);
            return;
        }
        if (!isValidUrl(target)) {
            PlainAnswer.send(exchange, 502, "Bad Gateway\n");
            return;
        }
        Redirect.send(exchange, target, permanent);
    }

    /** As Go's {@code url.Parse} judges it: a parseable URI whose host holds no escape. */
    private static boolean isValidUrl(String target) {
        try {
            URI uri = new URI(target);
            String authority = uri.getRawAuthority();
            return authority == null || authority.indexOf('%') < 0;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "redirectRegex " + regex + " -> " + replacement;
    }
}

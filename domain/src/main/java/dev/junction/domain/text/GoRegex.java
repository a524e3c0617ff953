package dev.junction.domain.text;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a regular expression written for Go's RE2, as Traefik configurations are. The syntaxes mostly agree;
 * Go's named group {@code (?P<name>...)} is accepted and read as Java's {@code (?<name>...)}.
 */
public final class GoRegex {
    private GoRegex() {
    }

    /** @throws PatternSyntaxException when the expression is not valid */
    public static Pattern compile(String expression) {
        return Pattern.compile(expression.replace("(?P<", "(?<"));
    }
}

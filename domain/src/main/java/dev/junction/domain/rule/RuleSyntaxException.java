package dev.junction.domain.rule;

/**
 * A router rule that cannot be used: bad syntax, an unknown matcher, a wrong number of values, an invalid value.
 * The message always reads {@code error while parsing rule <rule>: <reason> (at character <n>)}, the one wording
 * users see in logs, the API and {@code junction check}; a router with such a rule is disabled, the rest stay live.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String reason;
    private final int position;

    RuleSyntaxException(String rule, String reason, int position, Throwable cause) {
        super("error while parsing rule " + rule + ": " + reason + " (at character " + (position + 1) + ")", cause);
        this.rule = rule;
        this.reason = reason;
        this.position = position;
    }

    /** The rule as written. */
    public String rule() {
        return rule;
    }

    /** What is wrong, without the rule or position. */
    public String reason() {
        return reason;
    }

    /** Zero-based index (in chars) into {@link #rule()} where the problem was found. */
    public int position() {
        return position;
    }
}

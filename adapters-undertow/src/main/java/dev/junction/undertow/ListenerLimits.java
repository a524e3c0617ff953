package dev.junction.undertow;

/**
 * Size bounds that keep one client from hurting the others: header bytes (request line included) and header count.
 * The time bounds come from each entrypoint's {@code transport} configuration.
 */
public record ListenerLimits(int maxHeaderBytes, int maxHeaders) {
    public static final ListenerLimits DEFAULTS = new ListenerLimits(1024 * 1024, 200);
}

package dev.junction.domain.http;

/** An inclusive range of statuses as Traefik writes them: {@code 404}, {@code 500-599}. */
public record StatusRange(int from, int to) {
    public StatusRange {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException("not a status range: " + from + "-" + to);
        }
    }

    /** Parses {@code 404} or {@code 500-599}; null when the text is neither. */
    public static StatusRange parse(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
            if (parts.length > 2 || from < 100 || to > 599 || from > to) {
                return null;
            }
            return new StatusRange(from, to);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean contains(int status) {
        return status >= from && status <= to;
    }
}

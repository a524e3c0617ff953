package dev.junction.domain.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code key=value} pairs of a Digest {@code Authorization} header, values quoted or bare. */
final class DigestParameters {
    private DigestParameters() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(text.charAt(i++));
                }
                i++;
                value = v.toString();
            } else {
                int end = text.indexOf(',', i);
                value = (end < 0 ? text.substring(i) : text.substring(i, end)).trim();
                i = end < 0 ? n : end;
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }
}

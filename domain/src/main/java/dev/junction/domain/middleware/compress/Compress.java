package dev.junction.domain.middleware.compress;

import dev.junction.domain.http.Exchange;
import dev.junction.domain.http.ForwardingExchange;
import dev.junction.domain.http.HttpHandler;
import dev.junction.domain.http.HttpHeaders;
import dev.junction.domain.http.ListHeaders;
import dev.junction.domain.http.TransformedBody;
import dev.junction.domain.middleware.Middleware;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * {@code compress}: encodes response bodies with the best encoding the client accepts, as Traefik decides it. The
 * {@code Accept-Encoding} weights choose; ties go to the first in {@code encodings}; a request without
 * {@code Accept-Encoding} gets {@code defaultEncoding} or nothing. Never encoded: an answer to HEAD, one that is
 * already encoded, one without a body, one shorter than {@code minResponseBodyBytes} (when its length is known),
 * gRPC, and content types excluded (or not included). An encoded answer loses its {@code Content-Length} and gets
 * {@code Content-Encoding}; every answer to a request that could have been encoded gets {@code Vary:
 * Accept-Encoding}, so caches keep the variants apart. Bodies are encoded as they stream. **Junction**: a body of
 * unknown length is encoded whatever its size (Traefik first buffers {@code minResponseBodyBytes} to decide).
 */
public final class Compress implements Middleware {
    /** The options of a definition; content types compare as media types, parameters ignored. */
    public record Settings(List<String> encodings, Set<String> excludedContentTypes,
                           Set<String> includedContentTypes, long minResponseBodyBytes, String defaultEncoding) {
        public Settings {
            encodings = List.copyOf(encodings);
            excludedContentTypes = Set.copyOf(excludedContentTypes);
            includedContentTypes = Set.copyOf(includedContentTypes);
            Objects.requireNonNull(defaultEncoding, "defaultEncoding");
        }
    }

    private final Settings settings;
    private final List<Encoding> encodings;

    /** {@code available}: the encodings Junction can produce; those of {@code encodings} it cannot are skipped. */
    public Compress(Settings settings, List<Encoding> available) {
        this.settings = Objects.requireNonNull(settings, "settings");
        List<Encoding> usable = new ArrayList<>();
        for (String name : settings.encodings()) {
            available.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst().ifPresent(usable::add);
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("none of the encodings " + settings.encodings()
                    + " is available; Junction can encode " + available.stream().map(Encoding::name).toList());
        }
        this.encodings = List.copyOf(usable);
    }

    @Override
    public void handle(Exchange exchange, HttpHandler next) {
        if (exchange.method().equals("HEAD")) {
            next.handle(exchange);
            return;
        }
        Encoding chosen = choose(exchange.requestHeaders().all("Accept-Encoding"));
        if (chosen == null) {
            next.handle(exchange);
            return;
        }
        next.handle(new Encoded(exchange, chosen));
    }

    /** The encoding to use for these {@code Accept-Encoding} lines; null for none. */
    Encoding choose(List<String> acceptEncoding) {
        if (acceptEncoding.isEmpty()) {
            return settings.defaultEncoding().isEmpty() ? null : byName(settings.defaultEncoding());
        }
        Encoding best = null;
        double bestWeight = 0;
        for (Encoding encoding : encodings) {
            double weight = weight(acceptEncoding, encoding.name());
            if (weight > bestWeight) {
                best = encoding;
                bestWeight = weight;
            }
        }
        return best;
    }

    private Encoding byName(String name) {
        return encodings.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static double weight(List<String> lines, String name) {
        double wildcard = -1;
        for (String line : lines) {
            for (String item : line.split(",")) {
                String[] parts = item.trim().split(";");
                String token = parts[0].trim().toLowerCase(Locale.ROOT);
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2).trim());
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (token.equals(name)) {
                    return q;
                }
                if (token.equals("*")) {
                    wildcard = q;
                }
            }
        }
        return Math.max(wildcard, 0);
    }

    private boolean encodes(int status, HttpHeaders headers, boolean hasBody) {
        if (!hasBody || status < 200 || status == 204 || status == 304) {
            return false;
        }
        if (headers.contains("Content-Encoding") || headers.contains("Content-Range")) {
            return false;
        }
        String length = headers.first("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) < settings.minResponseBodyBytes()) {
                    return false;
                }
            } catch (NumberFormatException ignored) {
                return false;
            }
        }
        String type = mediaType(headers.first("Content-Type"));
        if (type.equals("application/grpc")) {
            return false;
        }
        if (!settings.includedContentTypes().isEmpty()) {
            return settings.includedContentTypes().stream().anyMatch(t -> mediaType(t).equals(type));
        }
        return settings.excludedContentTypes().stream().noneMatch(t -> mediaType(t).equals(type));
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static HttpHeaders encodedHeaders(HttpHeaders given, Encoding encoding) {
        ListHeaders headers = new ListHeaders();
        given.forEach(headers::add);
        headers.remove("Content-Length");
        headers.set("Content-Encoding", encoding.name());
        addVary(headers);
        return headers;
    }

    private static void addVary(HttpHeaders headers) {
        for (String vary : headers.all("Vary")) {
            for (String token : vary.split(",")) {
                if (token.trim().equalsIgnoreCase("Accept-Encoding")) {
                    return;
                }
            }
        }
        headers.add("Vary", "Accept-Encoding");
    }

    /** Answers of later steps, encoded when they qualify. */
    private final class Encoded extends ForwardingExchange {
        private final Encoding encoding;

        Encoded(Exchange delegate, Encoding encoding) {
            super(delegate);
            this.encoding = encoding;
        }

        @Override
        public void stream(int status, HttpHeaders headers, Flow.Publisher<ByteBuffer> body) {
            if (encodes(status, headers, body != null)) {
                super.stream(status, encodedHeaders(headers, encoding), new TransformedBody(body, encoding::start));
            } else {
                ListHeaders varied = new ListHeaders();
                headers.forEach(varied::add);
                addVary(varied);
                super.stream(status, varied, body);
            }
        }
    }

    @Override
    public String toString() {
        return "compress " + encodings.stream().map(Encoding::name).toList();
    }
}

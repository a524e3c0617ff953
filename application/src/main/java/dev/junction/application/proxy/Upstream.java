package dev.junction.application.proxy;

import dev.junction.domain.config.dynamic.ServiceConfig;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** One backend server resolved from its URL once, at compile time. */
public record Upstream(String scheme, String host, int port, String authority, String basePath,
                       boolean preservePath) {
    public Upstream {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(basePath, "basePath");
    }

    public static Upstream of(URI url, boolean preservePath) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int explicitPort = ServiceConfig.Server.port(url);
        int port = explicitPort > 0 ? explicitPort : scheme.equals("https") ? 443 : 80;
        String host = ServiceConfig.Server.host(url).orElseThrow(() -> new IllegalArgumentException("no host: " + url));
        String authority = explicitPort > 0 ? host + ":" + explicitPort : host;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return new Upstream(scheme, host, port, authority, path, preservePath);
    }

    /** The path to request: the client's, or the server URL's path joined with it when preservePath is set. */
    public String target(String rawPath, String rawQuery) {
        String path = rawPath;
        if (preservePath && !basePath.isEmpty()) {
            path = basePath.endsWith("/")
                    ? basePath + (rawPath.startsWith("/") ? rawPath.substring(1) : rawPath)
                    : basePath + (rawPath.startsWith("/") ? rawPath : "/" + rawPath);
        }
        return rawQuery == null ? path : path + "?" + rawQuery;
    }
}

package dev.junction.application.compile;

import dev.junction.application.auth.BasicAuthFactory;
import dev.junction.domain.auth.PasswordHashes;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.dynamic.MiddlewareConfig;
import dev.junction.domain.middleware.Middleware;
import java.util.Objects;

/** Every middleware type Junction knows, built from its definition; an invalid definition throws its problems. */
public final class MiddlewareCatalog implements MiddlewareFactory {
    private final BasicAuthFactory basicAuth;

    public MiddlewareCatalog(PasswordHashes hashes) {
        this.basicAuth = new BasicAuthFactory(Objects.requireNonNull(hashes, "hashes"));
    }

    @Override
    public Middleware create(MiddlewareConfig config) {
        if (config instanceof MiddlewareConfig.BasicAuth auth) {
            return basicAuth.create(auth);
        }
        throw new ConfigurationException(((MiddlewareConfig.Invalid) config).problems());
    }
}

package dev.junction.domain.config.statics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Junction needs before it can open a socket: entrypoints, where dynamic configuration comes from,
 * and how to talk to backends. Built once per process from file, environment and flags merged.
 */
public record StaticConfiguration(
        Map<String, EntryPointConfig> entryPoints,
        Optional<FileProviderConfig> fileProvider,
        ServersTransportConfig serversTransport) {
    public StaticConfiguration {
        entryPoints = Collections.unmodifiableMap(new LinkedHashMap<>(entryPoints));
        Objects.requireNonNull(fileProvider, "fileProvider");
        Objects.requireNonNull(serversTransport, "serversTransport");
    }
}

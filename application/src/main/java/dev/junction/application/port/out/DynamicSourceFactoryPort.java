package dev.junction.application.port.out;

import dev.junction.domain.config.statics.FileProviderConfig;
import dev.junction.domain.port.DynamicConfigurationSourcePort;

/** Opens the provider of dynamic configuration that the static configuration names. */
public interface DynamicSourceFactoryPort {
    DynamicConfigurationSourcePort open(FileProviderConfig config);
}

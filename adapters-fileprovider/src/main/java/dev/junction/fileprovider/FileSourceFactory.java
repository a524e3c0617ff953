package dev.junction.fileprovider;

import dev.junction.application.config.DynamicConfigBinder;
import dev.junction.application.config.DynamicConfigurationMerge;
import dev.junction.application.port.out.DynamicSourceFactoryPort;
import dev.junction.domain.config.statics.FileProviderConfig;
import dev.junction.domain.port.DynamicConfigurationSourcePort;

/** Opens the file provider over YAML and TOML files, binding each file and merging them in file order. */
public final class FileSourceFactory implements DynamicSourceFactoryPort {
    @Override
    public DynamicConfigurationSourcePort open(FileProviderConfig config) {
        DynamicConfigBinder binder = new DynamicConfigBinder();
        return new FileProvider(config, binder::bind, DynamicConfigurationMerge::merge);
    }
}

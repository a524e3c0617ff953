package dev.junction.application.runtime;

import dev.junction.application.config.ConfigTreeMerge;
import dev.junction.application.config.StaticConfigBinder;
import dev.junction.application.port.in.StartupRequest;
import dev.junction.application.port.out.StaticConfigFilePort;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.statics.StaticConfiguration;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the three static sources and merges them, flags over environment over file, into one typed value. */
public final class StaticConfigurationLoader {
    private final StaticConfigFilePort files;

    public StaticConfigurationLoader(StaticConfigFilePort files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    public StaticConfiguration load(StartupRequest request) throws ConfigurationException {
        List<ConfigNode.MapNode> layers = new ArrayList<>();
        files.read(request.configFile()).ifPresent(layers::add);
        layers.add(request.environment());
        layers.add(request.flags());
        ConfigNode.MapNode merged = layers.isEmpty()
                ? new ConfigNode.MapNode(Origin.of("defaults"), Map.of())
                : ConfigTreeMerge.merge(layers);
        return new StaticConfigBinder().bind(merged);
    }
}

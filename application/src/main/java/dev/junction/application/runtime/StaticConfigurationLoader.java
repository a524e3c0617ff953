package dev.junction.application.runtime;

import dev.junction.application.config.ConfigTreeMerge;
import dev.junction.application.config.StaticConfigBinder;
import dev.junction.application.port.in.StartupRequest;
import dev.junction.application.port.out.StaticConfigFilePort;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.statics.StaticConfiguration;
import dev.junction.domain.config.tree.ConfigNode;
import java.util.ArrayList;
import java.util.List;
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
        return new StaticConfigBinder().bind(merge(layers, request));
    }

    /**
     * Like {@link #load} but never throws: every problem (an unreadable file included) is added to
     * {@code problems} and what could be bound is returned, so {@code junction check} can go on to the dynamic
     * configuration and list every problem in one run.
     */
    public StaticConfiguration loadLeniently(StartupRequest request, List<ConfigProblem> problems) {
        List<ConfigNode.MapNode> layers = new ArrayList<>();
        try {
            files.read(request.configFile()).ifPresent(layers::add);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        return new StaticConfigBinder().bindLeniently(merge(layers, request), problems);
    }

    private static ConfigNode.MapNode merge(List<ConfigNode.MapNode> fileLayer, StartupRequest request) {
        List<ConfigNode.MapNode> layers = new ArrayList<>(fileLayer);
        layers.add(request.environment());
        layers.add(request.flags());
        return ConfigTreeMerge.merge(layers);
    }
}

package dev.junction.domain.port;

import dev.junction.domain.config.dynamic.DynamicConfiguration;
import java.util.function.Consumer;

/**
 * A provider of dynamic configuration (the file provider today). It reports whole configurations, never
 * deltas; a source that fails to read part of its input keeps that part's last good state and says so in the
 * configuration's problems.
 */
public interface DynamicConfigurationSourcePort extends AutoCloseable {

    /** The provider name used in qualified references ({@code whoami@file}). */
    String providerName();

    /** Reads the configuration once, now. */
    DynamicConfiguration load();

    /** Calls {@code listener} with every new configuration after a change, until closed. */
    void watch(Consumer<DynamicConfiguration> listener);

    @Override
    void close();
}

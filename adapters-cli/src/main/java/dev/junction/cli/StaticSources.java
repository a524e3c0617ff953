package dev.junction.cli;

import dev.junction.application.port.in.StartupRequest;
import dev.junction.cli.tree.EnvironmentTree;
import dev.junction.cli.tree.FlagTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The three static configuration sources of a command line, handed to the use cases as one request. */
final class StaticSources {
    private StaticSources() {
    }

    static StartupRequest of(Path configFile, List<String> flags, Map<String, String> environment) {
        return new StartupRequest(Optional.ofNullable(configFile), EnvironmentTree.from(environment),
                FlagTree.parse(flags == null ? List.of() : flags));
    }
}

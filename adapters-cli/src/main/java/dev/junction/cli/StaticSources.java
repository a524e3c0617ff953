package dev.junction.cli;

import dev.junction.application.port.in.StartupRequest;
import dev.junction.cli.tree.EnvironmentTree;
import dev.junction.cli.tree.FlagTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every configuration-reading command shares: the static file and help, and how they combine with
 * the Traefik-style flags (any option picocli does not know, such as {@code --entryPoints.web.address=:8081}).
 * Mixed into serve, check and explain so the three read configuration the same way.
 */
final class StaticSources {

    @Option(names = {"--configFile", "--configfile"}, description = "Static configuration file (YAML or TOML).")
    Path configFile;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    /**
     * The three static configuration sources of this command line, as one request to the use cases.
     *
     * @param flags the command's unmatched options (picocli collects those on the command, not on a mixin)
     */
    StartupRequest request(Map<String, String> environment, List<String> flags) {
        return new StartupRequest(Optional.ofNullable(configFile), EnvironmentTree.from(environment),
                FlagTree.parse(flags == null ? List.of() : flags));
    }
}

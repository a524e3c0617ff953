package dev.junction.cli;

import dev.junction.application.port.in.StartupRequest;
import dev.junction.cli.tree.EnvironmentTree;
import dev.junction.cli.tree.FlagTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The options every configuration-reading command shares: the static file, Traefik-style flags (any option
 * picocli does not know, such as {@code --entryPoints.web.address=:8081}) and help. Mixed into serve, check and
 * explain so the three read configuration the same way.
 */
final class StaticSources {

    @Option(names = {"--configFile", "--configfile"}, description = "Static configuration file (YAML or TOML).")
    Path configFile;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Unmatched
    List<String> flags;

    /** The three static configuration sources of this command line, as one request to the use cases. */
    StartupRequest request(Map<String, String> environment) {
        return new StartupRequest(Optional.ofNullable(configFile), EnvironmentTree.from(environment),
                FlagTree.parse(flags == null ? List.of() : flags));
    }
}

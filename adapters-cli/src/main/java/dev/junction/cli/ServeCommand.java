package dev.junction.cli;

import dev.junction.application.port.in.ServeUseCase;
import dev.junction.domain.config.ConfigurationException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code junction}: serve. */
@Command(name = "junction",
        description = {
            "An edge router and reverse proxy that reads Traefik v3 configuration.",
            "",
            "Static configuration comes from a file (--configFile, else traefik.{toml,yaml,yml} in /etc/traefik, "
                + "$XDG_CONFIG_HOME, $HOME/.config and the working directory), from TRAEFIK_* environment variables "
                + "and from Traefik-style flags such as --entryPoints.web.address=:8081 "
                + "--providers.file.directory=conf/.",
            "Unlike Traefik, Junction merges the three sources: flags override environment, environment overrides "
                + "file.",
            ""})
final class ServeCommand implements Callable<Integer> {
    private final ServeUseCase serve;
    private final Map<String, String> environment;
    private final PrintWriter err;

    @Mixin
    StaticSources sources;

    @Unmatched
    List<String> flags;

    ServeCommand(ServeUseCase serve, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this.serve = serve;
        this.environment = environment;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            return serve.serve(sources.request(environment, flags));
        } catch (ConfigurationException e) {
            e.problems().forEach(p -> err.println("junction: " + p));
            err.flush();
            return 1;
        } catch (IllegalStateException e) {
            err.println("junction: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}

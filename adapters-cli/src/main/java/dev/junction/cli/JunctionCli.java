package dev.junction.cli;

import dev.junction.application.port.in.CheckUseCase;
import dev.junction.application.port.in.DemoUseCase;
import dev.junction.application.port.in.ExplainUseCase;
import dev.junction.application.port.in.ServeUseCase;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Runs one command line: {@code junction [flags]} serves, {@code check}, {@code explain}, {@code version} and
 * {@code demo} do what their help says. Returns the exit status instead of exiting so tests can call it.
 */
public final class JunctionCli {
    private final ServeUseCase serve;
    private final CheckUseCase check;
    private final ExplainUseCase explain;
    private final DemoUseCase demo;
    private final String version;

    public JunctionCli(ServeUseCase serve, CheckUseCase check, ExplainUseCase explain, DemoUseCase demo,
                       String version) {
        this.serve = Objects.requireNonNull(serve, "serve");
        this.check = Objects.requireNonNull(check, "check");
        this.explain = Objects.requireNonNull(explain, "explain");
        this.demo = Objects.requireNonNull(demo, "demo");
        this.version = Objects.requireNonNull(version, "version");
    }

    public int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ServeCommand(serve, environment, out, err))
                .addSubcommand("check", new CheckCommand(check, environment, out, err))
                .addSubcommand("explain", new ExplainCommand(explain, environment, out, err))
                .addSubcommand("version", new VersionCommand(version, out))
                .addSubcommand("demo", new DemoCommand(demo))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(110)
                .setOut(out)
                .setErr(err);
        return cli.execute(args);
    }
}

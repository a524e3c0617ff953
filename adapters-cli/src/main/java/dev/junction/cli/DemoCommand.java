package dev.junction.cli;

import dev.junction.application.port.in.DemoUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction demo}: the seed's example with two built-in backends. */
@Command(name = "demo", description = "Run the seed example: router to-whoami (Host example.com, PathPrefix /whoami/,"
        + " BasicAuth test:test) in front of two built-in whoami backends.")
final class DemoCommand implements Callable<Integer> {
    private final DemoUseCase demo;

    @Option(names = "--port", defaultValue = "8081", description = "The entrypoint port (default: 8081).")
    int port;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    DemoCommand(DemoUseCase demo) {
        this.demo = demo;
    }

    @Override
    public Integer call() {
        return demo.demo(port);
    }
}

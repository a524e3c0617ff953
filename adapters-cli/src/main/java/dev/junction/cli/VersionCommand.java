package dev.junction.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code junction version}. */
@Command(name = "version", description = "Print Junction's version.")
final class VersionCommand implements Callable<Integer> {
    private final String version;
    private final PrintWriter out;

    VersionCommand(String version, PrintWriter out) {
        this.version = version;
        this.out = out;
    }

    @Override
    public Integer call() {
        out.println("Junction " + version + " (Traefik v3 configuration compatible)");
        out.println("Java " + System.getProperty("java.version"));
        out.flush();
        return 0;
    }
}

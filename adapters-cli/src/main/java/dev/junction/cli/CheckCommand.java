package dev.junction.cli;

import dev.junction.application.port.in.CheckUseCase;
import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code junction check}: every configuration problem with file, line and key; non-zero exit if any. */
@Command(name = "check", description = "Validate static and dynamic configuration without serving. "
        + "Lists every problem as file:line: key: message and exits non-zero if there is any.")
final class CheckCommand implements Callable<Integer> {
    private final CheckUseCase check;
    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;

    @Mixin
    StaticSources sources;

    @Unmatched
    List<String> flags;

    CheckCommand(CheckUseCase check, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this.check = check;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        List<ConfigProblem> problems;
        try {
            problems = check.check(sources.request(environment, flags));
        } catch (ConfigurationException e) {
            problems = e.problems();
        }
        for (ConfigProblem p : problems) {
            err.println(p);
        }
        if (problems.isEmpty()) {
            out.println("configuration OK");
        } else {
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found");
        }
        out.flush();
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }
}

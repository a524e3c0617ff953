package dev.junction.domain.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used at all; carries every problem found, not only the first. */
public final class ConfigurationException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public ConfigurationException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ConfigurationException(ConfigProblem problem) {
        this(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}

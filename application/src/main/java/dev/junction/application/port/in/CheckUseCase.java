package dev.junction.application.port.in;

import dev.junction.domain.config.ConfigProblem;
import java.util.List;

/** Validates static and dynamic configuration without serving: every problem, with file, line and key. */
public interface CheckUseCase {
    List<ConfigProblem> check(StartupRequest request);
}

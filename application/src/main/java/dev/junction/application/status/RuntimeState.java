package dev.junction.application.status;

import dev.junction.domain.config.ConfigProblem;
import java.util.List;

/** The status of every object of one compiled configuration, plus the problems of its sources. */
public record RuntimeState(List<ObjectStatus> objects, List<ConfigProblem> sourceProblems) {
    public static final RuntimeState EMPTY = new RuntimeState(List.of(), List.of());

    public RuntimeState {
        objects = List.copyOf(objects);
        sourceProblems = List.copyOf(sourceProblems);
    }

    public List<ObjectStatus> disabled() {
        return objects.stream().filter(o -> o.state() == ObjectStatus.State.DISABLED).toList();
    }
}

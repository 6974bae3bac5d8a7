package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStep;
import java.util.List;

/**
 * A run as it is to be stored, with steps of it stored in the same transaction (for example its tool_calls step with
 * the submitted outputs).
 */
record RunChange(Run run, List<RunStep> steps) {

    RunChange {
        steps = List.copyOf(steps);
    }

    static RunChange of(Run run) {
        return new RunChange(run, List.of());
    }
}

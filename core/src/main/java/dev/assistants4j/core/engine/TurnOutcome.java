package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.RequiredAction.RequiredToolCall;
import dev.assistants4j.core.domain.Usage;
import java.util.List;

/** How one model call of a run ended. */
sealed interface TurnOutcome {

    /** Tokens the call used. */
    Usage usage();

    /** The model answered in text; the run can complete. */
    record Answered(Usage usage) implements TurnOutcome {}

    /** The model called functions; the run waits for their outputs. */
    record CalledFunctions(Usage usage, String stepId, List<RequiredToolCall> calls) implements TurnOutcome {}

    /** The model called only built-in tools (file_search), which the engine ran; the model is called again. */
    record UsedTools(Usage usage) implements TurnOutcome {}

    /** The model hit max_completion_tokens. */
    record CutOff(Usage usage) implements TurnOutcome {}

    /** The run was cancelled during the call. */
    record Cancelled(Usage usage) implements TurnOutcome {}

    /** The call failed for good. */
    record Failed(Usage usage, LastError error) implements TurnOutcome {}
}

package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.LastError;
import dev.assistants4j.core.domain.RequiredAction.RequiredToolCall;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.Usage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one model call's stream into stored steps and messages and the events that announce them, through a
 * {@link MessageRecorder} (the text) and a {@link ToolCallRecorder} (the tool calls), and keeps the rule between
 * them: one open step at a time, the message first. Runs no tool; the engine runs the server-side calls of
 * {@link #tools()}. Not thread-safe; one per model call, on the run's thread.
 */
final class TurnRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(TurnRecorder.class);

    private final Run run;
    private final MessageRecorder message;
    private final ToolCallRecorder tools;
    private final StringBuilder lateText = new StringBuilder();

    /**
     * @param citations the results of the run's earlier file_search calls, which the text may cite
     * @param firstSearchTurn the number of the run's earlier file_search calls (the turn of this call's first)
     * @param codeResults the images and files of the run's earlier code_interpreter calls, which the message shows
     */
    TurnRecorder(
            EngineContext ctx,
            String projectId,
            Run run,
            Citations citations,
            int firstSearchTurn,
            CodeResults codeResults) {
        TurnWriter out = new TurnWriter(ctx, projectId, run);
        this.run = run;
        this.message = new MessageRecorder(out, citations, codeResults);
        this.tools = new ToolCallRecorder(out, firstSearchTurn);
    }

    /** The tool side, whose server-side calls the engine runs once the call ended. */
    ToolCallRecorder tools() {
        return tools;
    }

    /** True once anything reached the client; a retry after that would repeat it. */
    boolean emittedAnything() {
        return message.started() || tools.started();
    }

    void text(String fragment) {
        if (fragment.isEmpty()) {
            return;
        }
        if (tools.started()) {
            // Clients allow one open step at a time and the tool step stays open until outputs come; text the model
            // writes after its tool calls has nowhere to go (providers send text first).
            lateText.append(fragment);
            return;
        }
        message.text(fragment);
    }

    void toolCall(int index, String name, String argumentsFragment) {
        if (!tools.started()) {
            // One open step at a time: the text before the calls is a finished message of its own.
            message.finish(Usage.ZERO, false);
        }
        tools.toolCall(index, name, argumentsFragment);
    }

    /**
     * Ends the call normally; returns the function calls to hand to the client (empty when it answered or only
     * used server-side tools).
     */
    List<RequiredToolCall> finish(Usage usage, boolean cutOff) {
        if (!lateText.isEmpty()) {
            LOG.debug(
                    "Run {}: dropped {} characters the model wrote after its tool calls", run.id(), lateText.length());
        }
        if (!message.started() && !tools.started()) {
            message.start();
        }
        message.finish(usage, cutOff);
        return tools.finish(usage, cutOff);
    }

    /** A rough count of the tokens the model wrote, for providers that report no usage. */
    long estimatedCompletionTokens() {
        return message.estimatedTokens() + tools.estimatedTokens();
    }

    /** Ends the call because the run stopped: open steps become cancelled or failed. */
    void abort(RunStepStatus stepStatus, LastError error) {
        message.abort(stepStatus, error);
        tools.abort(stepStatus, error);
    }
}

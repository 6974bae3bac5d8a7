package dev.assistants4j.client;

import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.MessageDelta;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.RunStepDelta;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.model.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/** An {@link AssistantEventHandler} that writes down its callbacks (but onEvent), with the snapshots they got. */
class RecordingHandler implements AssistantEventHandler {

    final List<String> calls = new ArrayList<>();
    final List<StreamEvent> events = new ArrayList<>();
    final List<ToolCall> toolCallsDone = new ArrayList<>();

    @Override
    public void onEvent(StreamEvent event) {
        events.add(event);
    }

    @Override
    public void onRunCreated(Run run) {
        calls.add("runCreated " + run.id());
    }

    @Override
    public void onRequiresAction(Run run) {
        calls.add("requiresAction " + run.toolCallsToAnswer().size());
    }

    @Override
    public void onRunStepCreated(RunStep step) {
        calls.add("stepCreated " + step.id());
    }

    @Override
    public void onRunStepDelta(RunStepDelta delta, RunStep snapshot) {}

    @Override
    public void onRunStepDone(RunStep step) {
        calls.add("stepDone " + step.id());
    }

    @Override
    public void onMessageCreated(Message message) {
        calls.add("messageCreated " + message.id());
    }

    @Override
    public void onMessageDelta(MessageDelta delta, Message snapshot) {
        calls.add("messageDelta " + snapshot.text());
    }

    @Override
    public void onMessageDone(Message message) {
        calls.add("messageDone " + message.text());
    }

    @Override
    public void onTextCreated(Text text) {
        calls.add("textCreated " + text.value());
    }

    @Override
    public void onTextDelta(TextDelta delta, Text snapshot) {
        calls.add("textDelta " + delta.value() + " -> " + snapshot.value());
    }

    @Override
    public void onTextDone(Text text) {
        calls.add("textDone " + text.value());
    }

    @Override
    public void onToolCallCreated(ToolCall toolCall) {
        calls.add("toolCallCreated " + toolCall.id() + " " + toolCall.type());
    }

    @Override
    public void onToolCallDelta(ToolCallDelta delta, ToolCall snapshot) {
        calls.add("toolCallDelta " + describe(snapshot));
    }

    @Override
    public void onToolCallDone(ToolCall toolCall) {
        toolCallsDone.add(toolCall);
        calls.add("toolCallDone " + describe(toolCall));
    }

    @Override
    public void onEnd(Run finalRun) {
        calls.add("end " + finalRun.status().wire());
    }

    @Override
    public void onError(ApiException error) {
        calls.add("error " + error.getMessage());
    }

    private static String describe(ToolCall call) {
        return switch (call) {
            case ToolCall.FunctionToolCall function -> function.name() + "(" + function.arguments() + ")";
            case ToolCall.CodeInterpreterToolCall code ->
                code.input() + " " + code.outputs().size() + " outputs";
            case ToolCall.FileSearchToolCall search ->
                "file_search " + search.results().size();
            case ToolCall.Other other -> other.type();
        };
    }
}

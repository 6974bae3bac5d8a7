package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.chatRequests;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.collect;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createAssistant;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.createThread;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.first;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.function;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.names;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.retrieveStep;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.roleAndContent;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.runOf;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.stream;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.streamedText;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.textAnswerEvents;
import static dev.assistants4j.server.engine.OpenAiJavaRunsTest.toolCallDeltas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.threads.runs.RequiredActionFunctionToolCall;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.RunSubmitToolOutputsParams;
import com.openai.models.beta.threads.runs.steps.FunctionToolCall;
import com.openai.models.beta.threads.runs.steps.FunctionToolCallDelta;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.beta.threads.runs.steps.ToolCall;
import com.openai.models.beta.threads.runs.steps.ToolCallDelta;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Function calling through the openai-java SDK: a streamed run stops in requires_action with two parallel calls, the
 * outputs are submitted with {@code submitToolOutputsStreaming}, and the run completes with the model's answer.
 */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class OpenAiJavaRunsToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String PARIS = "{\"city\":\"Paris\"}";
    static final String CET = "{\"tz\":\"CET\"}";
    static final String QUESTION = "Weather and time in Paris?";

    @RegisterExtension
    final ServerExtension server = extension();

    /** The server and its fake upstream; a subclass routes the model elsewhere (another wire protocol). */
    ServerExtension extension() {
        return ServerExtension.withFakeUpstream();
    }

    private String threadId;
    private String assistantId;

    @BeforeEach
    void start() {
        assistantId = createAssistant(
                server.client(), "Use the tools.", function("get_weather", "city"), function("get_time", "tz"));
        threadId = createThread(server.client(), QUESTION);
        // the model calls both functions at once, then answers from their outputs
        server.upstream()
                .enqueue(
                        Reply.toolCalls(
                                dev.assistants4j.testkit.ToolCall.of("get_weather", PARIS),
                                dev.assistants4j.testkit.ToolCall.of("get_time", CET)),
                        Reply.text("It is sunny"));
    }

    @Test
    void streamed_function_calls_end_in_requires_action_with_both_calls() {
        // when
        List<AssistantStreamEvent> events = streamUntilRequiresAction();

        // then
        List<String> names = names(events);
        assertThat(names.subList(0, 5))
                .containsExactly(
                        "thread.run.created",
                        "thread.run.queued",
                        "thread.run.in_progress",
                        "thread.run.step.created",
                        "thread.run.step.in_progress");
        assertThat(names.subList(5, names.size() - 1)).isNotEmpty().containsOnly("thread.run.step.delta");
        assertThat(names.getLast()).isEqualTo("thread.run.requires_action");
        Run run = events.getLast().asThreadRunRequiresAction().data();
        assertThat(run.status()).isEqualTo(RunStatus.REQUIRES_ACTION);
        assertThat(run.expiresAt()).isPresent();
        List<RequiredActionFunctionToolCall> calls = requiredCalls(run);
        assertThat(calls).extracting(call -> call.function().name()).containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(call -> call.function().arguments()).containsExactly(PARIS, CET);
        assertThat(calls)
                .extracting(RequiredActionFunctionToolCall::id)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith("call_"));
        RunStep step = first(events, AssistantStreamEvent::threadRunStepCreated).data();
        assertThat(step.type()).isEqualTo(RunStep.Type.TOOL_CALLS);
        assertThat(step.stepDetails().asToolCalls().toolCalls())
                .as("tool_calls of step.created")
                .isEmpty();
        RunStep waiting = retrieveStep(server.client(), threadId, run.id(), step.id());
        assertThat(waiting.status()).isEqualTo(RunStep.Status.IN_PROGRESS);
        List<FunctionToolCall> stored = functionCalls(waiting);
        assertThat(stored).extracting(FunctionToolCall::id).containsExactlyElementsOf(callIds(run));
        assertThat(stored).extracting(call -> call.function().arguments()).containsExactly(PARIS, CET);
        assertThat(stored).extracting(call -> call.function().output()).containsOnly(Optional.empty());
    }

    @Test
    void step_deltas_reassemble_the_call_ids_names_and_arguments() {
        // when
        List<AssistantStreamEvent> events = streamUntilRequiresAction();

        // then
        String stepId =
                first(events, AssistantStreamEvent::threadRunStepCreated).data().id();
        assertThat(events.stream().flatMap(event -> event.threadRunStepDelta().stream()))
                .extracting(event -> event.data().id())
                .containsOnly(stepId);
        List<String> ids = callIds(events.getLast().asThreadRunRequiresAction().data());
        assertThat(reassembled(events, FunctionToolCallDelta::id))
                .containsExactly(entry(0L, ids.get(0)), entry(1L, ids.get(1)));
        assertThat(reassembled(events, call -> call.function().flatMap(f -> f.name())))
                .containsExactly(entry(0L, "get_weather"), entry(1L, "get_time"));
        assertThat(reassembled(events, call -> call.function().flatMap(f -> f.arguments())))
                .containsExactly(entry(0L, PARIS), entry(1L, CET));
    }

    @Test
    void submitted_outputs_stream_to_completion_and_complete_the_tool_step() {
        // given
        List<AssistantStreamEvent> started = streamUntilRequiresAction();
        Run waiting = started.getLast().asThreadRunRequiresAction().data();
        String toolStepId = first(started, AssistantStreamEvent::threadRunStepCreated)
                .data()
                .id();

        // when
        List<AssistantStreamEvent> events = submit(waiting, "18C and sunny", "14:05");

        // then
        List<String> names = names(events);
        assertThat(names.subList(0, 3))
                .containsExactlyInAnyOrder("thread.run.queued", "thread.run.in_progress", "thread.run.step.completed");
        assertThat(names.indexOf("thread.run.queued")).isLessThan(names.indexOf("thread.run.in_progress"));
        assertThat(names.subList(3, names.size()))
                .containsExactlyElementsOf(textAnswerEvents(1).subList(3, 11));
        assertThat(first(events, AssistantStreamEvent::threadRunStepCompleted)
                        .data()
                        .id())
                .isEqualTo(toolStepId);
        assertThat(streamedText(events)).isEqualTo("It is sunny");
        assertThat(events.getLast().asThreadRunCompleted().data().id()).isEqualTo(waiting.id());
        RunStep toolStep = retrieveStep(server.client(), threadId, waiting.id(), toolStepId);
        assertThat(toolStep.status()).isEqualTo(RunStep.Status.COMPLETED);
        List<FunctionToolCall> calls = functionCalls(toolStep);
        assertThat(calls).extracting(FunctionToolCall::id).containsExactlyElementsOf(callIds(waiting));
        assertThat(calls).extracting(call -> call.function().name()).containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(call -> call.function().arguments()).containsExactly(PARIS, CET);
        assertThat(calls)
                .extracting(call -> call.function().output().orElse(null))
                .containsExactly("18C and sunny", "14:05");
    }

    @Test
    void submitted_outputs_reach_upstream_as_tool_messages() {
        // given
        Run waiting = streamUntilRequiresAction()
                .getLast()
                .asThreadRunRequiresAction()
                .data();

        // when
        List<AssistantStreamEvent> events = submit(waiting, "18C and sunny", "14:05");

        // then
        assertThat(names(events).getLast()).isEqualTo("thread.run.completed");
        JsonNode second = chatRequests(server.upstream()).get(1).body();
        assertThat(roleAndContent(chatRequests(server.upstream()).get(1)))
                .containsExactly(
                        "system: Use the tools.",
                        "user: " + QUESTION,
                        "assistant: ",
                        "tool: 18C and sunny",
                        "tool: 14:05");
        List<JsonNode> messages = StreamSupport.stream(second.get("messages").spliterator(), false)
                .toList();
        List<JsonNode> requested = StreamSupport.stream(
                        messages.get(2).get("tool_calls").spliterator(), false)
                .toList();
        List<String> ids = callIds(waiting);
        assertThat(requested).extracting(call -> call.get("id").asText()).containsExactlyElementsOf(ids);
        assertThat(requested)
                .extracting(call -> call.path("function").path("name").asText())
                .containsExactly("get_weather", "get_time");
        assertThat(requested)
                .extracting(call -> call.path("function").path("arguments").asText())
                .containsExactly(PARIS, CET);
        assertThat(messages.subList(3, 5))
                .extracting(m -> m.get("tool_call_id").asText())
                .containsExactlyElementsOf(ids);
    }

    /** The calls' ids, and the requests the upstream received at its chat path once their outputs were submitted. */
    record Submitted(List<String> ids, List<RecordedRequest> requests) {}

    /**
     * Streams until the calls are asked for, submits their outputs ({@code 18C and sunny}, {@code 14:05}) and checks
     * that the run completed after two requests to the upstream's chat path.
     */
    Submitted submitOutputsToChatPath(Predicate<String> chatPath) {
        Run waiting = streamUntilRequiresAction()
                .getLast()
                .asThreadRunRequiresAction()
                .data();
        List<AssistantStreamEvent> events = submit(waiting, "18C and sunny", "14:05");
        assertThat(events.getLast().isThreadRunCompleted()).isTrue();
        List<RecordedRequest> requests = server.upstream().requests().stream()
                .filter(request -> chatPath.test(request.path()))
                .toList();
        assertThat(requests).hasSize(2);
        return new Submitted(callIds(waiting), requests);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<AssistantStreamEvent> streamUntilRequiresAction() {
        return stream(server.client(), threadId, runOf(assistantId));
    }

    /** Submits one output per required call, in the order of the calls, and reads the whole stream. */
    List<AssistantStreamEvent> submit(Run waiting, String... outputs) {
        List<String> ids = callIds(waiting);
        RunSubmitToolOutputsParams.Builder params =
                RunSubmitToolOutputsParams.builder().threadId(threadId);
        for (int i = 0; i < outputs.length; i++) {
            params.addToolOutput(RunSubmitToolOutputsParams.ToolOutput.builder()
                    .toolCallId(ids.get(i))
                    .output(outputs[i])
                    .build());
        }
        return collect(
                server.client().beta().threads().runs().submitToolOutputsStreaming(waiting.id(), params.build()));
    }

    /** Concatenates one field of the function call deltas per call index, as the SDKs' stream accumulators do. */
    private static Map<Long, String> reassembled(
            List<AssistantStreamEvent> events, Function<FunctionToolCallDelta, Optional<String>> field) {
        Map<Long, String> byIndex = new LinkedHashMap<>();
        toolCallDeltas(events).stream().map(ToolCallDelta::asFunction).forEach(call -> field.apply(call)
                .ifPresent(value -> byIndex.merge(call.index(), value, String::concat)));
        return byIndex;
    }

    private static List<FunctionToolCall> functionCalls(RunStep step) {
        return step.stepDetails().asToolCalls().toolCalls().stream()
                .map(ToolCall::asFunction)
                .toList();
    }

    private static List<RequiredActionFunctionToolCall> requiredCalls(Run run) {
        return run.requiredAction().orElseThrow().submitToolOutputs().toolCalls();
    }

    static List<String> callIds(Run run) {
        return requiredCalls(run).stream()
                .map(RequiredActionFunctionToolCall::id)
                .toList();
    }
}

package dev.assistants4j.client;

import static dev.assistants4j.client.FakeTransport.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.params.MessageParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.client.params.ThreadParams;
import dev.assistants4j.client.params.ToolOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streamed runs: typed events, the handler's callbacks and snapshots (on OpenAI's documented event sequences), the
 * RunStream's iteration and closing, and errors that are never silent.
 */
class StreamingTest {

    private static final String RUN_COMPLETED =
            "{\"id\":\"run_1\",\"thread_id\":\"thread_1\",\"status\":\"completed\"}";

    private final FakeTransport transport = new FakeTransport();
    private final Assistants4j client = Assistants4j.over(transport);

    @Test
    void handler_accumulates_text_from_message_deltas() {
        transport.streamResource("/sse/create-thread-and-run-text.sse");
        RecordingHandler handler = new RecordingHandler();

        var run = client.createThreadAndRunStream(
                ThreadParams.builder().message(MessageParams.user("Hello")).build(), RunParams.of("asst_123"));
        var finalRun = StreamHandling.handle(run, handler);

        assertThat(finalRun.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(handler.events).first().isInstanceOf(StreamEvent.ThreadEvent.class);
        assertThat(handler.calls)
                .containsExactly(
                        "runCreated run_123",
                        "stepCreated step_001",
                        "messageCreated msg_001",
                        "textCreated Hello",
                        "textDelta Hello -> Hello",
                        "messageDelta Hello",
                        "textDelta  today -> Hello today",
                        "messageDelta Hello today",
                        "textDelta ? -> Hello today?",
                        "messageDelta Hello today?",
                        "textDone Hello! How can I assist you today?",
                        "messageDone Hello! How can I assist you today?",
                        "stepDone step_001",
                        "end completed");
        assertThat(transport.streamsClosed).isEqualTo(1);
    }

    @Test
    void handler_accumulates_function_arguments_and_ends_the_call_when_the_run_requires_action() {
        transport.streamResource("/sse/create-thread-and-run-function.sse");
        RecordingHandler handler = new RecordingHandler();

        var finalRun = client.runThreadStream("thread_123", RunParams.of("asst_123"), handler);

        assertThat(finalRun.status()).isEqualTo(RunStatus.REQUIRES_ACTION);
        assertThat(handler.calls)
                .containsExactly(
                        "runCreated run_123",
                        "stepCreated step_001",
                        "toolCallCreated call_XXNp8YGaFrjrSjgqxtC8JJ1B function",
                        "toolCallDelta get_current_weather()",
                        "toolCallDelta get_current_weather({\")",
                        "toolCallDelta get_current_weather({\"location)",
                        "toolCallDelta get_current_weather({\"locationahrenheit)",
                        "toolCallDelta get_current_weather({\"locationahrenheit\"})",
                        "toolCallDone get_current_weather({\"locationahrenheit\"})",
                        "requiresAction 1",
                        "end requires_action");
    }

    @Test
    void submitted_outputs_stream_the_rest_and_the_text_is_done_with_the_completed_message() {
        transport.streamResource("/sse/submit-tool-outputs.sse");
        RecordingHandler handler = new RecordingHandler();

        var finalRun = client.submitToolOutputsStream(
                "thread_123", "run_123", List.of(new ToolOutput("call_1", "70 degrees and sunny.")), handler);

        assertThat(finalRun.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(handler.calls)
                .contains(
                        "textDelta . -> The current weather sunny.",
                        "textDone The current weather in San Francisco, CA is 70 degrees Fahrenheit and sunny.")
                .last()
                .isEqualTo("end completed");
    }

    @Test
    void handler_snapshots_code_interpreter_input_and_outputs_and_ends_each_call_once() {
        transport.stream(
                sse("thread.run.created", "{\"id\":\"run_1\",\"status\":\"queued\"}"),
                sse(
                        "thread.run.step.created",
                        "{\"id\":\"step_1\",\"type\":\"tool_calls\",\"status\":\"in_progress\","
                                + "\"step_details\":{\"type\":\"tool_calls\",\"tool_calls\":[]}}"),
                stepDelta("{\"index\":0,\"id\":\"call_a\",\"type\":\"code_interpreter\","
                        + "\"code_interpreter\":{\"input\":\"\",\"outputs\":[]}}"),
                stepDelta("{\"index\":0,\"type\":\"code_interpreter\",\"code_interpreter\":{\"input\":\"print(\"}}"),
                stepDelta("{\"index\":0,\"type\":\"code_interpreter\",\"code_interpreter\":{\"input\":\"2)\"}}"),
                stepDelta("{\"index\":0,\"type\":\"code_interpreter\",\"code_interpreter\":"
                        + "{\"outputs\":[{\"index\":0,\"type\":\"logs\",\"logs\":\"2\\n\"}]}}"),
                stepDelta("{\"index\":1,\"id\":\"call_b\",\"type\":\"file_search\",\"file_search\":{}}"),
                sse(
                        "thread.run.step.completed",
                        "{\"id\":\"step_1\",\"type\":\"tool_calls\",\"status\":\"completed\","
                                + "\"step_details\":{\"type\":\"tool_calls\",\"tool_calls\":["
                                + "{\"id\":\"call_a\",\"type\":\"code_interpreter\",\"code_interpreter\":{\"input\":\"print(2)\","
                                + "\"outputs\":[{\"type\":\"logs\",\"logs\":\"2\\n\"}]}},"
                                + "{\"id\":\"call_b\",\"type\":\"file_search\",\"file_search\":{\"results\":["
                                + "{\"file_id\":\"f\",\"file_name\":\"a.md\",\"score\":0.5}]}}]}}"),
                sse("thread.run.completed", RUN_COMPLETED));
        RecordingHandler handler = new RecordingHandler();

        client.runThreadStream("thread_1", RunParams.of("asst_1"), handler);

        assertThat(handler.calls)
                .containsExactly(
                        "runCreated run_1",
                        "stepCreated step_1",
                        "toolCallCreated call_a code_interpreter",
                        "toolCallDelta  0 outputs",
                        "toolCallDelta print( 0 outputs",
                        "toolCallDelta print(2) 0 outputs",
                        "toolCallDelta print(2) 1 outputs",
                        "toolCallDone print(2) 1 outputs",
                        "toolCallCreated call_b file_search",
                        "toolCallDelta file_search 0",
                        "toolCallDone file_search 1",
                        "stepDone step_1",
                        "end completed");
        assertThat(((ToolCall.CodeInterpreterToolCall) handler.toolCallsDone.getFirst())
                        .outputs()
                        .getFirst()
                        .logs())
                .isEqualTo("2\n");
    }

    private static ServerSentEvent stepDelta(String toolCall) {
        return sse(
                "thread.run.step.delta",
                "{\"id\":\"step_1\",\"object\":\"thread.run.step.delta\",\"delta\":{\"step_details\":"
                        + "{\"type\":\"tool_calls\",\"tool_calls\":[" + toolCall + "]}}}");
    }

    @Test
    void run_stream_iterates_typed_events_then_gives_the_final_run_and_closes() {
        transport.streamResource("/sse/create-thread-and-run-text.sse");

        List<String> names;
        try (RunStream stream = client.runThreadStream("thread_123", RunParams.of("asst_123"))) {
            List<StreamEvent> events = stream.stream().toList();
            names = events.stream().map(StreamEvent::event).toList();
            assertThat(events.stream()
                            .filter(StreamEvent.MessageDeltaEvent.class::isInstance)
                            .map(e ->
                                    ((StreamEvent.MessageDeltaEvent) e).delta().text()))
                    .containsExactly("Hello", " today", "?");
            assertThat(stream.finalRun().status()).isEqualTo(RunStatus.COMPLETED);
            assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class);
        }

        assertThat(names).hasSize(14).first().isEqualTo("thread.created");
        assertThat(names).last().isEqualTo("thread.run.completed");
        assertThat(transport.streamsClosed).isEqualTo(1);
        assertThat(transport.body(0).get("stream").asBoolean()).isTrue();
    }

    @Test
    void final_run_reads_what_the_caller_left_and_a_run_stream_can_be_closed_early() {
        transport.streamResource("/sse/create-thread-and-run-text.sse");
        transport.streamResource("/sse/create-thread-and-run-text.sse");

        try (RunStream stream = client.runThreadStream("thread_123", RunParams.of("asst_123"))) {
            assertThat(stream.iterator().next()).isInstanceOf(StreamEvent.ThreadEvent.class);
            assertThat(stream.finalRun().status()).isEqualTo(RunStatus.COMPLETED);
        }
        try (RunStream stream = client.runThreadStream("thread_123", RunParams.of("asst_123"))) {
            assertThat(stream.iterator().next().event()).isEqualTo("thread.created");
        }

        assertThat(transport.streamsClosed).isEqualTo(2);
    }

    @Test
    void an_error_event_reaches_the_handler_and_is_thrown_as_an_api_exception() {
        transport.stream(
                sse("thread.run.created", "{\"id\":\"run_1\",\"status\":\"queued\"}"),
                sse("error", "{\"error\":{\"message\":\"engine down\",\"type\":\"server_error\",\"code\":\"x\"}}"));
        RecordingHandler handler = new RecordingHandler();

        assertThatThrownBy(() -> client.runThreadStream("thread_1", RunParams.of("asst_1"), handler))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("engine down");
                    assertThat(e.type()).isEqualTo("server_error");
                    assertThat(e.code()).isEqualTo("x");
                });
        assertThat(handler.calls).containsExactly("runCreated run_1", "error engine down");
        assertThat(transport.streamsClosed).isEqualTo(1);
    }

    @Test
    void a_malformed_known_event_is_thrown_and_an_unknown_event_is_kept() {
        transport.stream(
                sse("thread.run.paused", "{\"id\":\"run_1\",\"status\":\"paused\"}"),
                sse("thread.gadget", "not json"),
                sse("thread.message.delta", "{\"id\":\"msg_1\",\"delta\":{\"content\":[{\"index\":\"first\"}]}}"));

        try (RunStream stream = client.runThreadStream("thread_1", RunParams.of("asst_1"))) {
            var events = stream.iterator();
            assertThat(events.next()).isInstanceOfSatisfying(StreamEvent.RunEvent.class, e -> assertThat(
                            e.run().status())
                    .isEqualTo(RunStatus.UNKNOWN));
            assertThat(events.next())
                    .isEqualTo(new StreamEvent.UnknownEvent(
                            "thread.gadget", com.fasterxml.jackson.databind.node.TextNode.valueOf("not json")));
            assertThatThrownBy(events::next).isInstanceOfSatisfying(MalformedEventException.class, e -> {
                assertThat(e.event()).isEqualTo("thread.message.delta");
                assertThat(e.data()).contains("first");
            });
        }
    }

    @Test
    void a_stream_without_a_run_event_has_no_final_run() {
        transport.stream(sse("thread.created", "{\"id\":\"thread_1\"}"));

        try (RunStream stream = client.runThreadStream("thread_1", RunParams.of("asst_1"))) {
            assertThatThrownBy(stream::finalRun).isInstanceOf(IllegalStateException.class);
        }
    }
}

package dev.assistants4j.client;

import static dev.assistants4j.client.FakeTransport.sse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.Tool;
import dev.assistants4j.client.params.RunParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The function-calling loop: every call of a requires_action answered, failures answered as errors, to the end. */
class FunctionsTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}";

    private final FakeTransport transport = new FakeTransport();
    private final Assistants4j client =
            new DefaultAssistants4j(transport, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)));
    private final Functions functions = new Functions()
            .register(
                    "get_weather",
                    "Weather of a city",
                    SCHEMA,
                    args -> Map.of("city", args.get("city").asText(), "celsius", 21))
            .register("get_time", "The time", "{\"type\":\"object\"}", args -> "12:00")
            .register("explode", "Fails", "{\"type\":\"object\"}", args -> {
                throw new IllegalStateException("boom");
            });

    private static String requiresAction(String... calls) {
        return "{\"id\":\"run_1\",\"thread_id\":\"thread_1\",\"status\":\"requires_action\",\"required_action\":"
                + "{\"type\":\"submit_tool_outputs\",\"submit_tool_outputs\":{\"tool_calls\":["
                + String.join(",", calls) + "]}}}";
    }

    private static String call(String id, String name, String arguments) {
        return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":"
                + TextNode.valueOf(arguments) + "}}";
    }

    @Test
    void tools_are_function_tools_with_the_schemas() {
        assertThat(functions.tools())
                .hasSize(3)
                .startsWith(Tool.function("get_weather", "Weather of a city", Wire.parse(SCHEMA)));
        assertThat(functions.tools())
                .extracting(tool -> ((Tool.FunctionTool) tool).function().name())
                .containsExactly("get_weather", "get_time", "explode");
    }

    @Test
    void runThread_answers_all_parallel_calls_including_unknown_and_failing_ones_until_the_run_ends() {
        transport
                .answer(ClientCallsTest.run("queued"))
                .answer(requiresAction(
                        call("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        call("call_2", "get_time", ""),
                        call("call_3", "launch_rocket", "{}"),
                        call("call_4", "explode", "{}"),
                        call("call_5", "get_weather", "{not json")))
                .answer(ClientCallsTest.run("queued"))
                .answer(requiresAction(call("call_6", "get_time", "{}")))
                .answer(ClientCallsTest.run("in_progress"))
                .answer(ClientCallsTest.run("completed"));

        var finished = client.runThread("thread_1", RunParams.of("asst_1"), functions);

        assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(transport.requests.get(2).path()).isEqualTo("/threads/thread_1/runs/run_1/submit_tool_outputs");
        var outputs = transport.body(2).get("tool_outputs");
        assertThat(outputs).hasSize(5);
        assertThat(Wire.parse(outputs.get(0).get("output").asText()))
                .isEqualTo(Wire.parse("{\"city\":\"Paris\",\"celsius\":21}"));
        assertThat(outputs.get(1).get("output").asText()).isEqualTo("12:00");
        assertThat(Wire.parse(outputs.get(2).get("output").asText())
                        .get("error")
                        .asText())
                .isEqualTo("unknown function: launch_rocket");
        assertThat(Wire.parse(outputs.get(3).get("output").asText())
                        .get("error")
                        .asText())
                .isEqualTo("explode failed: boom");
        assertThat(Wire.parse(outputs.get(4).get("output").asText())
                        .get("error")
                        .asText())
                .startsWith("get_weather failed");
        assertThat(outputs)
                .extracting(o -> o.get("tool_call_id").asText())
                .containsExactly("call_1", "call_2", "call_3", "call_4", "call_5");
        assertThat(transport
                        .body(4)
                        .get("tool_outputs")
                        .get(0)
                        .get("tool_call_id")
                        .asText())
                .isEqualTo("call_6");
    }

    @Test
    void the_streaming_loop_submits_outputs_as_a_stream_and_ends_with_the_completed_run() {
        transport.stream(
                sse("thread.run.created", ClientCallsTest.run("queued")),
                sse("thread.run.requires_action", requiresAction(call("call_1", "get_time", "{}"))));
        transport.stream(sse("thread.run.completed", ClientCallsTest.run("completed")));
        RecordingHandler handler = new RecordingHandler();

        var finished = client.runThreadStream("thread_1", RunParams.of("asst_1"), functions, handler);

        assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(transport.body(1))
                .isEqualTo(Wire.parse(
                        "{\"tool_outputs\":[{\"tool_call_id\":\"call_1\",\"output\":\"12:00\"}],\"stream\":true}"));
        assertThat(handler.calls)
                .containsExactly("runCreated run_1", "requiresAction 1", "end requires_action", "end completed");
        assertThat(transport.streamsClosed).isEqualTo(2);
    }

    @Test
    void call_outputs_are_in_the_order_of_the_calls() {
        var outputs = functions.call(List.of(
                new dev.assistants4j.client.model.ToolCall.FunctionToolCall(
                        "a", new dev.assistants4j.client.model.ToolCall.Function("get_time", "{}", null)),
                new dev.assistants4j.client.model.ToolCall.FunctionToolCall(
                        "b", new dev.assistants4j.client.model.ToolCall.Function("nope", "{}", null))));

        assertThat(outputs).extracting(o -> o.toolCallId()).containsExactly("a", "b");
        assertThat(outputs.get(1).output()).isEqualTo("{\"error\":\"unknown function: nope\"}");
    }
}

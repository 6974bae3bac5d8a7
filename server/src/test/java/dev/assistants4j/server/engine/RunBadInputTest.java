package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.WEATHER_TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.server.engine.RunHttp.Response;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Run requests the server must refuse, with OpenAI's status and param, storing nothing. */
class RunBadInputTest {

    @RegisterExtension
    static final ServerExtension server = ServerExtension.withFakeUpstream().perClass();

    private static RunHttp http;
    private static String assistant;

    private String thread;

    @BeforeAll
    static void start() {
        http = server.runHttp();
        assistant = http.createAssistant(WEATHER_TOOL);
    }

    @BeforeEach
    void newThread() {
        thread = http.createThread("Hi");
    }

    /** A create-run body (single quotes; {@code ASST} stands for a real assistant id) and the param refused. */
    record BadRun(String label, String body, String param, String code) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<BadRun> badRuns() {
        return Stream.of(
                new BadRun("missing assistant_id", "{}", "assistant_id", "missing_required_parameter"),
                new BadRun("assistant_id not a string", "{'assistant_id':5}", "assistant_id", "invalid_type"),
                new BadRun(
                        "max_completion_tokens under 256",
                        "{'assistant_id':'ASST','max_completion_tokens':100}",
                        "max_completion_tokens",
                        null),
                new BadRun(
                        "max_prompt_tokens under 256",
                        "{'assistant_id':'ASST','max_prompt_tokens':255}",
                        "max_prompt_tokens",
                        null),
                new BadRun(
                        "last_messages strategy without last_messages",
                        "{'assistant_id':'ASST','truncation_strategy':{'type':'last_messages'}}",
                        "truncation_strategy.last_messages",
                        "missing_required_parameter"),
                new BadRun(
                        "last_messages 0",
                        "{'assistant_id':'ASST','truncation_strategy':{'type':'last_messages','last_messages':0}}",
                        "truncation_strategy.last_messages",
                        null),
                new BadRun(
                        "unknown truncation type",
                        "{'assistant_id':'ASST','truncation_strategy':{'type':'middle'}}",
                        "truncation_strategy.type",
                        null),
                new BadRun(
                        "tool_choice sometimes",
                        "{'assistant_id':'ASST','tool_choice':'sometimes'}",
                        "tool_choice",
                        "invalid_value"),
                new BadRun(
                        "streamed run with tool_choice sometimes",
                        "{'assistant_id':'ASST','stream':true,'tool_choice':'sometimes'}",
                        "tool_choice",
                        "invalid_value"),
                new BadRun(
                        "function tool_choice without function",
                        "{'assistant_id':'ASST','tool_choice':{'type':'function'}}",
                        "tool_choice.function",
                        "missing_required_parameter"),
                new BadRun("temperature over 2", "{'assistant_id':'ASST','temperature':2.5}", "temperature", null),
                new BadRun("stream not a boolean", "{'assistant_id':'ASST','stream':'yes'}", "stream", "invalid_type"),
                new BadRun("unknown field", "{'assistant_id':'ASST','colour':'blue'}", "colour", "unknown_parameter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRuns")
    void create_run_refuses_bad_bodies(BadRun bad) {
        // when a run is created with a bad body
        Response refused = http.post("/threads/" + thread + "/runs", bad.body().replace("ASST", assistant));

        // then it is refused (as JSON, even when streaming was asked) with the field's param, and no run exists
        JsonNode error = assertRefused(refused, 400, bad.param());
        if (bad.code() != null) {
            assertThat(error.get("code").asText())
                    .as("code in %s", refused.body())
                    .isEqualTo(bad.code());
        }
        assertNothingStored();
    }

    @Test
    void create_run_with_an_unknown_assistant_is_not_found() {
        // when a run names an assistant that does not exist
        Response refused = http.createRun(thread, "asst_nope", "");

        // then it is a 404 naming it, and no run exists
        JsonNode error = assertRefused(refused, 404, null);
        assertThat(error.get("message").asText()).isEqualTo("No assistant found with id 'asst_nope'.");
        assertNothingStored();
    }

    @Test
    void create_run_on_an_unknown_thread_is_not_found() {
        // when a run is created on a thread that does not exist
        int modelCalls = server.upstream().requestCount();
        Response refused = http.createRun("thread_nope", assistant, "");

        // then it is a 404 naming the thread, which still does not exist, and the model was not called
        JsonNode error = assertRefused(refused, 404, null);
        assertThat(error.get("message").asText()).isEqualTo("No thread found with id 'thread_nope'.");
        assertThat(http.get("/threads/thread_nope").status()).isEqualTo(404);
        assertThat(server.upstream().requestCount()).isEqualTo(modelCalls);
    }

    @Test
    void submit_tool_outputs_without_tool_outputs_is_refused() {
        // given a run waiting for tool outputs
        server.upstream().enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")));
        String runId = http.startRun(thread, assistant).get("id").asText();
        JsonNode waiting = http.awaitStatus(thread, runId, "requires_action");

        // when outputs are submitted without tool_outputs
        Response refused = http.submit(thread, runId, "{'stream':false}");

        // then that is refused for tool_outputs and the run still waits
        JsonNode error = assertRefused(refused, 400, "tool_outputs");
        assertThat(error.get("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(http.run(thread, runId)).isEqualTo(waiting);
        http.cancel(thread, runId);
    }

    @Test
    void steps_of_an_unknown_run_are_not_found() {
        // when the steps of a run that does not exist are listed
        Response refused = http.get("/threads/" + thread + "/runs/run_nope/steps");

        // then it is a 404 naming the run
        JsonNode error = assertRefused(refused, 404, null);
        assertThat(error.get("message").asText()).isEqualTo("No run found with id 'run_nope'.");
    }

    /** Asserts an OpenAI error envelope with {@code status}, type invalid_request_error and {@code param}. */
    private static JsonNode assertRefused(Response response, int status, String param) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        JsonNode error = response.error();
        assertThat(fieldNames(error)).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        if (param == null) {
            assertThat(error.get("param").isNull())
                    .as("param in %s", response.body())
                    .isTrue();
        } else {
            assertThat(error.get("param").asText())
                    .as("param in %s", response.body())
                    .isEqualTo(param);
        }
        return error;
    }

    private void assertNothingStored() {
        assertThat(http.runs(thread)).isEmpty();
        assertThat(http.messages(thread)).hasSize(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.DEADLINE;
import static dev.assistants4j.server.engine.RunHttp.WEATHER_TOOL;
import static dev.assistants4j.server.engine.RunHttp.callIds;
import static dev.assistants4j.server.engine.RunHttp.names;
import static dev.assistants4j.server.engine.RunHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.server.ServerExtension;
import dev.assistants4j.server.ServerOptions;
import dev.assistants4j.server.engine.RunHttp.Event;
import dev.assistants4j.server.engine.RunHttp.Response;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run's life over raw HTTP: parallel tool calls, tool outputs, expiry, cancel, the thread lock, disconnects. */
class RunLifecycleTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream();

    private RunHttp http;

    @BeforeEach
    void start() {
        http = server.runHttp();
    }

    @Test
    void parallel_tool_calls_make_one_step_with_distinct_call_ids() {
        // given a model answering with three calls at once
        server.upstream().enqueue(threeWeatherCalls());
        String thread = http.createThread("Weather in Paris, Rome and Oslo?");

        // when a run reaches requires_action
        JsonNode run = waitingRun(thread, http.createAssistant(WEATHER_TOOL));

        // then the required action lists the three calls in order, each with its own id
        JsonNode calls = run.at("/required_action/submit_tool_outputs/tool_calls");
        assertThat(calls).hasSize(3);
        assertThat(new HashSet<>(callIds(run))).hasSize(3);
        assertThat(callIds(run)).allSatisfy(id -> assertThat(id).startsWith("call_"));
        assertThat(calls.findValuesAsText("arguments"))
                .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Rome\"}", "{\"city\":\"Oslo\"}");
        // and one tool_calls step holds the same three calls, without outputs yet
        List<JsonNode> steps = http.steps(thread, run.get("id").asText());
        assertThat(steps).hasSize(1);
        JsonNode step = steps.getFirst();
        assertThat(step.get("type").asText()).isEqualTo("tool_calls");
        assertThat(step.get("status").asText()).isEqualTo("in_progress");
        assertThat(step.at("/step_details/tool_calls").findValuesAsText("id")).isEqualTo(callIds(run));
        assertThat(step.at("/step_details/tool_calls").findValues("output"))
                .allSatisfy(output -> assertThat(output.isNull()).isTrue());
        // and neither the waiting run nor its open step reports usage yet
        assertThat(run.get("usage").isNull())
                .as("usage of the waiting run %s", run)
                .isTrue();
        assertThat(step.get("usage").isNull())
                .as("usage of the open step %s", step)
                .isTrue();
    }

    @Test
    void usage_adds_up_over_the_model_calls_of_a_run() {
        // given a model that reports 10 + 5 tokens for its call and 20 + 2 for its answer
        server.upstream()
                .enqueue(
                        Reply.toolCalls(weather("Paris")).usage(10, 5),
                        Reply.text("Sunny.").usage(20, 2));
        String thread = http.createThread("Weather?");
        JsonNode run = waitingRun(thread, http.createAssistant(WEATHER_TOOL));
        String runId = run.get("id").asText();

        // when the run completes
        ok(http.submitAll(thread, run, "sunny"));
        JsonNode completed = http.awaitStatus(thread, runId, "completed");

        // then each step has its own usage, and the run the sum
        assertThat(completed.get("usage")).isEqualTo(usage(30, 7));
        List<JsonNode> steps = http.steps(thread, runId);
        assertThat(steps)
                .extracting(step -> step.get("type").asText())
                .containsExactly("tool_calls", "message_creation");
        assertThat(steps.get(0).get("usage")).isEqualTo(usage(10, 5));
        assertThat(steps.get(1).get("usage")).isEqualTo(usage(20, 2));
    }

    @Test
    void streamed_outputs_continue_the_run_in_a_new_stream() {
        // given a run waiting for the output of one call
        server.upstream().enqueue(Reply.toolCalls(weather("Paris")), Reply.text("Sun", "ny."));
        String thread = http.createThread("Weather?");
        JsonNode run = waitingRun(thread, http.createAssistant(WEATHER_TOOL));
        String runId = run.get("id").asText();
        String toolStep = http.steps(thread, runId).getFirst().get("id").asText();

        // when the output is submitted with stream true
        Response stream = http.submit(
                thread,
                runId,
                "{'stream':true,'tool_outputs':[" + output(callIds(run).getFirst(), "sunny") + "]}");

        // then the stream resumes the run, closes the tool step with its output, answers, and ends with done
        assertThat(stream.status()).as(stream.body()).isEqualTo(200);
        List<Event> events = RunHttp.parseSse(stream.body());
        assertThat(names(events).subList(0, 3))
                .containsExactly("thread.run.queued", "thread.run.step.completed", "thread.run.in_progress");
        JsonNode closed = events.get(1).data();
        assertThat(closed.get("id").asText()).isEqualTo(toolStep);
        assertThat(closed.at("/step_details/tool_calls/0/function/output").asText())
                .isEqualTo("sunny");
        assertThat(names(events)).contains("thread.message.created", "thread.message.completed");
        assertThat(names(events).subList(events.size() - 2, events.size()))
                .containsExactly("thread.run.completed", "done");
        assertThat(http.run(thread, runId).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void parallel_tool_calls_stream_as_one_step_whose_deltas_carry_each_call() {
        // given a model answering with three calls at once
        server.upstream().enqueue(threeWeatherCalls());
        String thread = http.createThread("Weather in Paris, Rome and Oslo?");
        String assistant = http.createAssistant(WEATHER_TOOL);

        // when the run is streamed
        Response stream =
                http.post("/threads/" + thread + "/runs", "{'assistant_id':'" + assistant + "','stream':true}");

        // then one tool_calls step opens empty, and its deltas carry each call's id once and its whole arguments
        List<Event> events = RunHttp.parseSse(stream.body());
        List<JsonNode> created = data(events, "thread.run.step.created");
        assertThat(created).singleElement().satisfies(step -> assertThat(step.at("/step_details/tool_calls"))
                .isEmpty());
        List<String> ids = new ArrayList<>(List.of("", "", ""));
        List<String> arguments = new ArrayList<>(List.of("", "", ""));
        for (JsonNode delta : data(events, "thread.run.step.delta")) {
            JsonNode call = delta.at("/delta/step_details/tool_calls/0");
            int index = call.get("index").asInt();
            ids.set(index, ids.get(index) + call.path("id").asText(""));
            arguments.set(
                    index, arguments.get(index) + call.at("/function/arguments").asText(""));
        }
        // and the stream ends waiting for the same three calls
        List<String> names = names(events);
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("thread.run.requires_action", "done");
        JsonNode waiting = data(events, "thread.run.requires_action").getFirst();
        assertThat(ids).isEqualTo(callIds(waiting));
        assertThat(arguments).containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Rome\"}", "{\"city\":\"Oslo\"}");
    }

    @Test
    void outputs_of_parallel_calls_complete_the_run_and_reach_the_model_in_call_order() {
        // given a run waiting for three outputs
        server.upstream().enqueue(threeWeatherCalls(), Reply.text("All sunny."));
        String thread = http.createThread("Weather in Paris, Rome and Oslo?");
        JsonNode run = waitingRun(thread, http.createAssistant(WEATHER_TOOL));
        String runId = run.get("id").asText();
        List<String> ids = callIds(run);

        // when the outputs are submitted at once, in reverse order
        Response submitted = http.submit(
                thread,
                runId,
                "{'tool_outputs':[" + output(ids.get(2), "snow") + "," + output(ids.get(0), "sun") + ","
                        + output(ids.get(1), "rain") + "]}");

        // then the run completes and its tool step holds each output at its call
        assertThat(ok(submitted).get("id").asText()).isEqualTo(runId);
        http.awaitStatus(thread, runId, "completed");
        JsonNode step = http.steps(thread, runId).getFirst();
        assertThat(step.get("status").asText()).isEqualTo("completed");
        assertThat(step.at("/step_details/tool_calls").findValuesAsText("output"))
                .containsExactly("sun", "rain", "snow");
        // and the next model request carries the calls and one tool message per call, in call order
        assertThat(server.upstream().requestCount()).isEqualTo(2);
        JsonNode messages = server.upstream().requests().get(1).body().get("messages");
        JsonNode assistant = messages.get(messages.size() - 4);
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("tool_calls").findValuesAsText("id")).isEqualTo(ids);
        List<JsonNode> tools = toolMessages(messages);
        assertThat(tools).extracting(m -> m.get("tool_call_id").asText()).isEqualTo(ids);
        assertThat(tools).extracting(m -> m.get("content").asText()).containsExactly("sun", "rain", "snow");
    }

    @Test
    void incomplete_unknown_or_repeated_outputs_are_refused_and_the_run_keeps_waiting() {
        // given a run waiting for the outputs of two calls a and b
        server.upstream().enqueue(Reply.toolCalls(weather("Paris"), weather("Rome")));
        String thread = http.createThread("Weather?");
        JsonNode run = waitingRun(thread, http.createAssistant(WEATHER_TOOL));
        String runId = run.get("id").asText();
        String a = callIds(run).get(0);
        String b = callIds(run).get(1);
        List<String> badBodies = List.of(
                "{'tool_outputs':[" + output(a, "x") + "]}",
                "{'tool_outputs':[{'output':'x'}," + output(b, "y") + "]}",
                "{'tool_outputs':[" + output(a, "x") + "," + output("call_unknown", "y") + "]}",
                "{'tool_outputs':[" + output(a, "x") + "," + output(a, "y") + "]}",
                "{'tool_outputs':[" + output(a, "x") + "," + output(a, "y") + "," + output(b, "z") + "]}");

        for (String body : badBodies) {
            // when outputs that do not answer each call exactly once are submitted
            Response refused = http.submit(thread, runId, body);

            // then they are refused and nothing changed
            assertThat(refused.status())
                    .as("status for %s: %s", body, refused.body())
                    .isEqualTo(400);
            assertThat(refused.error().get("type").asText()).isEqualTo("invalid_request_error");
            JsonNode after = http.run(thread, runId);
            assertThat(after.get("status").asText()).as("after %s", body).isEqualTo("requires_action");
            assertThat(after.get("required_action")).isEqualTo(run.get("required_action"));
            assertThat(http.steps(thread, runId).getFirst().get("status").asText())
                    .isEqualTo("in_progress");
        }
        assertThat(server.upstream().requestCount()).isEqualTo(1);
        // and a correct submission still completes the run
        ok(http.submitAll(thread, run, "ok"));
        http.awaitStatus(thread, runId, "completed");
    }

    @Test
    void outputs_for_a_run_that_does_not_wait_for_them_are_refused() {
        // given a completed run
        String thread = http.createThread("Hi");
        String runId = http.startRun(thread, http.createAssistant(WEATHER_TOOL))
                .get("id")
                .asText();
        JsonNode completed = http.awaitStatus(thread, runId, "completed");

        // when outputs are submitted to it
        Response refused = http.submit(thread, runId, "{'tool_outputs':[" + output("call_x", "y") + "]}");

        // then they are refused and the run is unchanged
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error().get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(http.run(thread, runId)).isEqualTo(completed);
    }

    @Test
    void a_run_waiting_too_long_for_outputs_expires() {
        // given a server whose runs wait one second for tool outputs
        restartWith(new EngineSettings(Duration.ofSeconds(1), 10, 3, Duration.ofMillis(20)));
        server.upstream().enqueue(Reply.toolCalls(weather("Paris")));
        String thread = http.createThread("Weather?");
        // (streamed: a second is too short to be sure a poll sees requires_action on a loaded machine)
        JsonNode waiting = http.streamUntilRequiresAction(thread, http.createAssistant(WEATHER_TOOL));
        String runId = waiting.get("id").asText();
        assertThat(waiting.get("expires_at").isIntegralNumber()).isTrue();

        // when nobody submits the outputs
        JsonNode expired = http.awaitStatus(thread, runId, "expired");

        // then the run expired, can no longer expire, and needs nothing any more
        assertThat(expired.get("expires_at").isNull())
                .as("expires_at in %s", expired)
                .isTrue();
        assertThat(expired.get("required_action").isNull()).isTrue();
        JsonNode step = http.steps(thread, runId).getFirst();
        assertThat(step.get("status").asText()).isEqualTo("expired");
        assertThat(step.get("expired_at").isIntegralNumber())
                .as("expired_at in %s", step)
                .isTrue();
        // and late outputs are refused while the thread accepts messages again
        Response late = http.submitAll(thread, waiting, "too late");
        assertThat(late.status()).as(late.body()).isEqualTo(400);
        assertThat(http.run(thread, runId).get("status").asText()).isEqualTo("expired");
        assertThat(http.addMessage(thread, "Still there?").status()).isEqualTo(200);
    }

    @Test
    void cancel_during_a_stream_closes_the_model_call_and_ends_the_stream() throws Exception {
        // given a streamed run whose model call hangs
        server.upstream().enqueue(Reply.hangUntilClosed());
        String thread = http.createThread("Tell me a long story.");
        String assistant = http.createAssistant();
        CompletableFuture<Response> stream =
                http.postAsync("/threads/" + thread + "/runs", "{'assistant_id':'" + assistant + "','stream':true}");
        assertThat(server.upstream().takeRequest(DEADLINE)).as("model request").isPresent();
        String runId = http.awaitNewestRun(thread);

        // when the run is cancelled
        JsonNode cancelling = ok(http.cancel(thread, runId));

        // then it moves to cancelled and the model call is closed
        assertThat(cancelling.get("status").asText()).isIn("cancelling", "cancelled");
        JsonNode cancelled = http.awaitStatus(thread, runId, "cancelled");
        assertThat(cancelled.get("cancelled_at").isIntegralNumber()).isTrue();
        assertThat(server.upstream().awaitDisconnect(DEADLINE))
                .as("upstream disconnect")
                .isTrue();
        // and the stream ends with thread.run.cancelled, then done
        Response body = stream.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(body.status()).isEqualTo(200);
        List<Event> events = RunHttp.parseSse(body.body());
        List<String> names = names(events);
        assertThat(names).doesNotContain("thread.run.completed", "thread.run.failed");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("thread.run.cancelled", "done");
        assertThat(events.get(events.size() - 2).data().get("id").asText()).isEqualTo(runId);
        assertThat(events.getLast().data().asText()).isEqualTo("[DONE]");
    }

    @Test
    void cancel_of_an_in_progress_run_stops_its_model_call() {
        // given a run (not streamed) whose model call hangs
        server.upstream().enqueue(Reply.hangUntilClosed());
        String thread = http.createThread("Tell me a long story.");
        String runId = http.startRun(thread, http.createAssistant()).get("id").asText();
        assertThat(server.upstream().takeRequest(DEADLINE)).as("model request").isPresent();

        // when it is cancelled
        JsonNode cancelling = ok(http.cancel(thread, runId));

        // then the answer says cancelling, and the run ends cancelled with its model call closed
        assertThat(cancelling.get("status").asText()).isEqualTo("cancelling");
        JsonNode cancelled = http.awaitStatus(thread, runId, "cancelled");
        assertThat(cancelled.get("cancelled_at").isIntegralNumber()).isTrue();
        assertThat(cancelled.get("completed_at").isNull()).isTrue();
        assertThat(cancelled.get("failed_at").isNull()).isTrue();
        assertThat(cancelled.get("expires_at").isNull()).isTrue();
        assertThat(server.upstream().awaitDisconnect(DEADLINE))
                .as("upstream disconnect")
                .isTrue();
        assertThat(server.upstream().completedReplies()).isZero();
    }

    @Test
    void cancel_right_after_create_ends_the_run_cancelled() {
        // given a run just created, whatever the engine did with it yet
        server.upstream().defaultReply(Reply.hangUntilClosed());
        String thread = http.createThread("Hi");
        String runId = http.startRun(thread, http.createAssistant()).get("id").asText();

        // when it is cancelled at once
        JsonNode cancelling = ok(http.cancel(thread, runId));

        // then it ends cancelled and the thread is free again
        assertThat(cancelling.get("status").asText()).isIn("cancelling", "cancelled");
        JsonNode cancelled = http.awaitStatus(thread, runId, "cancelled");
        assertThat(cancelled.get("cancelled_at").isIntegralNumber()).isTrue();
        assertThat(http.addMessage(thread, "Never mind.").status()).isEqualTo(200);
        assertThat(server.upstream().completedReplies()).isZero();
    }

    @Test
    void cancel_of_a_run_waiting_for_outputs_is_immediate() {
        // given a run in requires_action
        server.upstream().enqueue(Reply.toolCalls(weather("Paris")));
        String thread = http.createThread("Weather?");
        String runId =
                waitingRun(thread, http.createAssistant(WEATHER_TOOL)).get("id").asText();

        // when it is cancelled
        JsonNode cancelled = ok(http.cancel(thread, runId));

        // then it is cancelled at once, and so is its tool step
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("cancelled_at").isIntegralNumber()).isTrue();
        assertThat(cancelled.get("required_action").isNull()).isTrue();
        assertThat(cancelled.get("expires_at").isNull()).isTrue();
        assertThat(http.run(thread, runId).get("status").asText()).isEqualTo("cancelled");
        JsonNode step = http.steps(thread, runId).getFirst();
        assertThat(step.get("status").asText()).isEqualTo("cancelled");
        assertThat(step.get("cancelled_at").isIntegralNumber())
                .as("cancelled_at in %s", step)
                .isTrue();
    }

    @Test
    void cancel_of_a_finished_run_is_refused() {
        // given a completed run
        String thread = http.createThread("Hi");
        String runId = http.startRun(thread, http.createAssistant()).get("id").asText();
        JsonNode completed = http.awaitStatus(thread, runId, "completed");

        // when it is cancelled
        Response refused = http.cancel(thread, runId);

        // then that is refused and the run is unchanged
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error().get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(http.run(thread, runId)).isEqualTo(completed);
    }

    @Test
    void a_thread_waiting_for_outputs_takes_no_other_run_or_message_until_the_run_ends() {
        // given a run waiting for tool outputs
        server.upstream().enqueue(Reply.toolCalls(weather("Paris")), Reply.text("Sunny."));
        String thread = http.createThread("Weather?");
        String assistant = http.createAssistant(WEATHER_TOOL);
        JsonNode run = waitingRun(thread, assistant);
        String runId = run.get("id").asText();

        // when another run or a message is sent, they are refused
        assertThreadLocked(thread, assistant, runId);

        // then once the run completed, both are accepted
        ok(http.submitAll(thread, run, "sunny"));
        http.awaitStatus(thread, runId, "completed");
        assertThat(http.addMessage(thread, "And tomorrow?").status()).isEqualTo(200);
        String second = http.startRun(thread, assistant).get("id").asText();
        http.awaitStatus(thread, second, "completed");
        assertThat(http.runs(thread)).hasSize(2);
    }

    @Test
    void a_thread_with_a_run_in_progress_takes_no_other_run_or_message() {
        // given a run whose model call hangs
        server.upstream().enqueue(Reply.hangUntilClosed());
        String thread = http.createThread("Tell me a long story.");
        String assistant = http.createAssistant();
        String runId = http.startRun(thread, assistant).get("id").asText();
        assertThat(server.upstream().takeRequest(DEADLINE)).as("model request").isPresent();

        // when another run or a message is sent, they are refused
        assertThreadLocked(thread, assistant, runId);

        // then once the run ended, a message is accepted
        ok(http.cancel(thread, runId));
        http.awaitStatus(thread, runId, "cancelled");
        assertThat(http.addMessage(thread, "Shorter, please.").status()).isEqualTo(200);
    }

    @Test
    void a_client_that_disconnects_mid_stream_does_not_stop_the_run() throws Exception {
        // given a model answering slowly
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deltas.add("word" + i + " ");
        }
        server.upstream().enqueue(Reply.text(deltas.toArray(String[]::new)).delayBetweenTokens(Duration.ofMillis(50)));
        String thread = http.createThread("Count slowly.");
        String assistant = http.createAssistant();

        // when the streaming client reads the first bytes and goes away
        HttpResponse<InputStream> stream =
                http.postStreamed("/threads/" + thread + "/runs", "{'assistant_id':'" + assistant + "','stream':true}");
        try (InputStream body = stream.body()) {
            assertThat(body.readNBytes(16)).hasSize(16);
        }

        // then the run still completes, with the whole answer stored
        String runId = http.runs(thread).getFirst().get("id").asText();
        http.awaitStatus(thread, runId, "completed");
        JsonNode answer = http.messages(thread).getLast();
        assertThat(answer.get("role").asText()).isEqualTo("assistant");
        assertThat(answer.get("status").asText()).isEqualTo("completed");
        assertThat(RunHttp.text(answer)).isEqualTo(String.join("", deltas));
        RunHttp.awaitTrue(
                "the model's reply was sent to its end", () -> server.upstream().completedReplies() == 1);
        assertThat(server.upstream().disconnectCount()).isZero();
    }

    @Test
    void deleting_a_thread_of_a_server_that_never_ran_code_starts_no_sandbox() {
        // given
        String thread = http.createThread("Hello.");

        // when
        ok(http.delete("/threads/" + thread));

        // then the code interpreter was not created just to close a session (it writes its driver when it is)
        assertThat(http.get("/threads/" + thread).status()).isEqualTo(404);
        assertThat(server.dataDir().resolve("sandbox")).doesNotExist();
    }

    private void assertThreadLocked(String thread, String assistant, String activeRun) {
        int modelCalls = server.upstream().requestCount();
        for (String stream : List.of("'stream':false", "'stream':true")) {
            Response secondRun = http.createRun(thread, assistant, stream);
            assertThat(secondRun.status()).as(secondRun.body()).isEqualTo(400);
            assertThat(secondRun.error().get("message").asText())
                    .isEqualTo("Thread " + thread + " already has an active run " + activeRun + ".");
        }
        Response message = http.addMessage(thread, "Are you there?");
        assertThat(message.status()).as(message.body()).isEqualTo(400);
        assertThat(message.error().get("message").asText()).contains(activeRun);
        assertThat(http.runs(thread)).extracting(run -> run.get("id").asText()).containsExactly(activeRun);
        assertThat(http.messages(thread)).hasSize(1);
        assertThat(server.upstream().requestCount())
                .as("model calls of refused runs")
                .isEqualTo(modelCalls);
    }

    /** Starts a run and waits until it needs tool outputs. */
    private JsonNode waitingRun(String thread, String assistant) {
        String runId = http.startRun(thread, assistant).get("id").asText();
        return http.awaitStatus(thread, runId, "requires_action");
    }

    private void restartWith(EngineSettings settings) {
        Path dataDir = server.dir().resolve("data-" + settings.requiresActionTimeout());
        http = new RunHttp(server.closeAfter(server.newServer(
                setup -> setup.withOptions(ServerOptions.local(dataDir)).withEngine(settings))));
    }

    private static Reply threeWeatherCalls() {
        return Reply.toolCalls(weather("Paris"), weather("Rome"), weather("Oslo"));
    }

    private static ToolCall weather(String city) {
        return ToolCall.of("get_weather", "{\"city\":\"" + city + "\"}");
    }

    private static String output(String callId, String output) {
        return "{'tool_call_id':'" + callId + "','output':'" + output + "'}";
    }

    private static JsonNode usage(int prompt, int completion) {
        return RunHttp.parse("{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}");
    }

    /** The data of every event named {@code name}, in order. */
    private static List<JsonNode> data(List<Event> events, String name) {
        return events.stream()
                .filter(event -> event.event().equals(name))
                .map(Event::data)
                .toList();
    }

    private static List<JsonNode> toolMessages(JsonNode messages) {
        List<JsonNode> tools = new ArrayList<>();
        messages.forEach(message -> {
            if (message.get("role").asText().equals("tool")) {
                tools.add(message);
            }
        });
        return tools;
    }
}

package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.DEADLINE;
import static dev.assistants4j.server.engine.RunHttp.WEATHER_TOOL;
import static dev.assistants4j.server.engine.RunHttp.callIds;
import static dev.assistants4j.server.engine.RunHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What becomes of runs when the server stops and starts again on the same data directory. */
class RunRestartTest extends RestartingServers {

    @Test
    void a_run_waiting_for_outputs_keeps_waiting_across_a_restart() {
        // given a run in requires_action when the server stops
        upstream.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")), Reply.text("Sunny."));
        String thread;
        JsonNode waiting;
        try (AssistantsServer first = start()) {
            RunHttp http = new RunHttp(first);
            thread = http.createThread("Weather in Paris?");
            String runId = http.startRun(thread, http.createAssistant(WEATHER_TOOL))
                    .get("id")
                    .asText();
            waiting = http.awaitStatus(thread, runId, "requires_action");
        }
        String runId = waiting.get("id").asText();

        try (AssistantsServer second = start()) {
            // when the server is back
            RunHttp http = new RunHttp(second);
            JsonNode after = http.run(thread, runId);

            // then the run still waits for the same calls, and the outputs complete it
            assertThat(after.get("status").asText()).isEqualTo("requires_action");
            assertThat(after.get("required_action")).isEqualTo(waiting.get("required_action"));
            assertThat(after.get("expires_at")).isEqualTo(waiting.get("expires_at"));
            ok(http.submitAll(thread, after, "sunny"));
            http.awaitStatus(thread, runId, "completed");
            assertThat(RunHttp.text(http.messages(thread).getLast())).isEqualTo("Sunny.");
        }
        JsonNode toolMessage =
                upstream.requests().getLast().body().get("messages").path(3);
        assertThat(toolMessage.get("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.get("tool_call_id").asText())
                .isEqualTo(callIds(waiting).getFirst());
        assertThat(toolMessage.get("content").asText()).isEqualTo("sunny");
    }

    @Test
    void a_run_waiting_for_outputs_still_expires_after_a_restart() {
        // given a run in requires_action (expiring after two seconds) when the server stops
        upstream.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")));
        String thread;
        String runId;
        try (AssistantsServer first = servers.newServer(setup -> setup.withEngine(EngineTestSupport.EXPIRING))) {
            RunHttp http = new RunHttp(first);
            thread = http.createThread("Weather in Paris?");
            runId = http.streamUntilRequiresAction(thread, http.createAssistant(WEATHER_TOOL))
                    .get("id")
                    .asText();
        }

        try (AssistantsServer second = servers.newServer(setup -> setup.withEngine(EngineTestSupport.EXPIRING))) {
            // when the server is back and nobody submits outputs
            RunHttp http = new RunHttp(second);
            JsonNode expired = http.awaitStatus(thread, runId, "expired");

            // then the run expired, and so did its tool step
            assertThat(expired.get("expires_at").isNull()).isTrue();
            assertThat(http.steps(thread, runId).getFirst().get("status").asText())
                    .isEqualTo("expired");
        }
    }

    @Test
    void a_run_in_progress_when_the_server_stops_has_failed_after_the_restart() {
        // given a run whose model call is still going when the server stops
        Stopped stopped = stopDuringModelCall();

        try (AssistantsServer second = start()) {
            // when the server is back
            RunHttp http = new RunHttp(second);
            JsonNode run = http.run(stopped.thread(), stopped.runId());

            // then the run failed with a server error, and nothing on the thread is left running
            assertThat(run.get("status").asText()).isEqualTo("failed");
            assertThat(run.at("/last_error/code").asText()).isEqualTo("server_error");
            assertThat(run.at("/last_error/message").asText()).isNotBlank();
            assertThat(run.get("failed_at").isIntegralNumber())
                    .as("failed_at in %s", run)
                    .isTrue();
            assertThat(run.get("expires_at").isNull()).isTrue();
            assertThat(http.runs(stopped.thread())).allSatisfy(each -> assertThat(
                            RunHttp.isTerminal(each.get("status").asText()))
                    .as("status of %s", each)
                    .isTrue());
        }
    }

    @Test
    void a_run_waiting_to_retry_when_the_server_stops_has_failed_after_the_restart() {
        // given a run that got a 500 and waits (30 s) before its retry when the server stops
        EngineSettings slowRetry =
                new EngineSettings(EngineTestSupport.FAST.requiresActionTimeout(), 10, 3, Duration.ofSeconds(30));
        upstream.enqueue(Reply.error(500, "The server had an error."));
        String thread;
        String runId;
        try (AssistantsServer first = servers.newServer(setup -> setup.withEngine(slowRetry))) {
            RunHttp http = new RunHttp(first);
            thread = http.createThread("Hi");
            runId = http.startRun(thread, http.createAssistant()).get("id").asText();
            RunHttp.awaitTrue("the 500 was sent", () -> upstream.completedReplies() == 1);
            assertThat(http.run(thread, runId).get("status").asText()).isEqualTo("in_progress");
        }

        try (AssistantsServer second = servers.newServer(setup -> setup.withEngine(slowRetry))) {
            // when the server is back
            JsonNode run = new RunHttp(second).run(thread, runId);

            // then the run failed with a server error: nobody cancelled it
            assertThat(run.get("status").asText()).as("status of %s", run).isEqualTo("failed");
            assertThat(run.at("/last_error/code").asText()).isEqualTo("server_error");
            assertThat(run.get("cancelled_at").isNull())
                    .as("cancelled_at in %s", run)
                    .isTrue();
        }
    }

    @Test
    void a_thread_whose_run_was_cut_by_a_restart_accepts_new_runs() {
        // given a run whose model call was still going when the server stopped
        Stopped stopped = stopDuringModelCall();
        upstream.enqueue(Reply.text("Back again."));

        try (AssistantsServer second = start()) {
            // when a new message and run are sent to its thread
            RunHttp http = new RunHttp(second);
            assertThat(http.addMessage(stopped.thread(), "Are you back?").status())
                    .isEqualTo(200);
            String runId = http.startRun(stopped.thread(), stopped.assistant())
                    .get("id")
                    .asText();

            // then the new run completes
            http.awaitStatus(stopped.thread(), runId, "completed");
            assertThat(RunHttp.text(http.messages(stopped.thread()).getLast())).isEqualTo("Back again.");
        }
    }

    /** A run stopped by the server shutting down; the model call hung until then. */
    private record Stopped(String thread, String assistant, String runId) {}

    private Stopped stopDuringModelCall() {
        upstream.enqueue(Reply.hangUntilClosed());
        try (AssistantsServer first = start()) {
            RunHttp http = new RunHttp(first);
            String thread = http.createThread("Tell me a long story.");
            String assistant = http.createAssistant();
            String runId = http.startRun(thread, assistant).get("id").asText();
            assertThat(upstream.takeRequest(DEADLINE)).as("model request").isPresent();
            assertThat(http.run(thread, runId).get("status").asText()).isEqualTo("in_progress");
            return new Stopped(thread, assistant, runId);
        }
    }

    private AssistantsServer start() {
        return servers.newServer();
    }
}

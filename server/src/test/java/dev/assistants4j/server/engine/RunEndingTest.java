package dev.assistants4j.server.engine;

import static dev.assistants4j.server.engine.RunHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.testkit.Reply;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run that ends abnormally leaves no message of its own {@code in_progress}: its message ends {@code incomplete}
 * with OpenAI's reason ({@code run_cancelled}, {@code run_failed}) and the text written so far, and its step ends with
 * it, whichever way the run ended.
 */
class RunEndingTest extends RestartingServers {

    @Test
    void a_run_cancelled_while_the_model_writes_ends_its_message_incomplete_with_the_text_so_far() {
        // given a run whose model writes slowly
        upstream.enqueue(slowStory());
        try (AssistantsServer server = start()) {
            RunHttp http = new RunHttp(server);
            String thread = http.createThread("Tell me a story.");
            String run = http.startRun(thread, http.createAssistant()).get("id").asText();
            JsonNode message = awaitAssistantMessage(http, thread);

            // when it is cancelled
            ok(http.post("/threads/" + thread + "/runs/" + run + "/cancel", "{}"));
            http.awaitStatus(thread, run, "cancelled");

            // then its message ended incomplete, with what the model had written
            JsonNode ended = ok(http.get(
                    "/threads/" + thread + "/messages/" + message.get("id").asText()));
            assertThat(ended.get("status").asText()).isEqualTo("incomplete");
            assertThat(ended.at("/incomplete_details/reason").asText()).isEqualTo("run_cancelled");
            assertThat(ended.get("incomplete_at").isIntegralNumber()).isTrue();
            assertThat(RunHttp.text(ended)).startsWith("Once ");
            assertThat(http.steps(thread, run))
                    .extracting(step -> step.get("status").asText())
                    .containsOnly("cancelled");
        }
    }

    @Test
    void a_run_cut_by_a_restart_ends_its_message_incomplete() {
        // given a run whose model was writing when the server stopped
        upstream.enqueue(slowStory());
        String thread;
        String run;
        String messageId;
        try (AssistantsServer first = start()) {
            RunHttp http = new RunHttp(first);
            thread = http.createThread("Tell me a story.");
            run = http.startRun(thread, http.createAssistant()).get("id").asText();
            messageId = awaitAssistantMessage(http, thread).get("id").asText();
        }

        try (AssistantsServer second = start()) {
            // when the server is back
            RunHttp http = new RunHttp(second);

            // then the run failed, and its message and step ended with it
            assertThat(http.run(thread, run).get("status").asText()).isEqualTo("failed");
            JsonNode message = ok(http.get("/threads/" + thread + "/messages/" + messageId));
            assertThat(message.get("status").asText()).isEqualTo("incomplete");
            assertThat(message.at("/incomplete_details/reason").asText()).isEqualTo("run_failed");
            assertThat(message.get("completed_at").isNull()).isTrue();
            JsonNode step = http.steps(thread, run).getFirst();
            assertThat(step.get("status").asText()).isEqualTo("failed");
            assertThat(step.at("/last_error/code").asText()).isEqualTo("server_error");
        }
    }

    /** A long answer whose tokens come 100 ms apart. */
    private static Reply slowStory() {
        return Reply.text(Collections.nCopies(200, "Once ").toArray(String[]::new))
                .delayBetweenTokens(Duration.ofMillis(100));
    }

    /** Polls until the run's assistant message is stored (it is, after its first delta). */
    private static JsonNode awaitAssistantMessage(RunHttp http, String thread) {
        List<JsonNode> found = new java.util.ArrayList<>();
        RunHttp.awaitTrue("an assistant message", () -> {
            Optional<JsonNode> message = http.messages(thread).stream()
                    .filter(each -> each.get("role").asText().equals("assistant"))
                    .findFirst();
            message.ifPresent(found::add);
            return message.isPresent();
        });
        return found.getFirst();
    }

    private AssistantsServer start() {
        return servers.newServer();
    }
}

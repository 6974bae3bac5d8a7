package dev.assistants4j.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.TestServer;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mock/…} provider answers runs offline, with the configured mock_response or an echo. */
class MockProviderRunTest {

    @TempDir
    Path dir;

    @Test
    void mock_model_answers_a_run_with_its_mock_response_and_echoes_without_one() {
        // given a config with a fixed-answer mock and an echoing mock, and no upstream at all
        ModelRoute fixed = new ModelRoute(
                "fixed",
                "mock",
                "any",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("Forty two"),
                true);
        ModelRoute echo = new ModelRoute("echo", "mock", "any", Optional.empty(), Optional.empty(), Optional.empty());
        ServerConfig config = new ServerConfig(List.of(fixed, echo), Optional.empty(), Optional.empty());
        try (AssistantsServer server = TestServer.start(Setup.of(dir, config).withEngine(EngineTestSupport.FAST))) {
            RunHttp http = new RunHttp(server);
            String thread = http.createThread("What is six times seven?");

            // when a run uses each mock model in turn
            JsonNode first = completedRun(http, thread, "fixed");
            JsonNode second = completedRun(http, thread, "echo");

            // then both complete, with usage, and the thread holds both answers
            assertThat(first.path("usage").path("total_tokens").asInt()).isPositive();
            assertThat(second.path("model").asText()).isEqualTo("echo");
            List<String> answers = http.messages(thread).stream()
                    .filter(message -> message.path("role").asText().equals("assistant"))
                    .map(RunHttp::text)
                    .toList();
            assertThat(answers)
                    .containsExactlyInAnyOrder("Forty two", "This is a mock response to: What is six times seven?");
        }
    }

    private static JsonNode completedRun(RunHttp http, String thread, String model) {
        String assistant = RunHttp.ok(http.post("/assistants", "{\"model\":\"" + model + "\"}"))
                .path("id")
                .asText();
        JsonNode run = http.startRun(thread, assistant);
        JsonNode done = http.awaitTerminal(thread, run.path("id").asText());
        assertThat(done.path("status").asText()).isEqualTo("completed");
        return done;
    }
}

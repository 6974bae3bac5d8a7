package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.assistants4j.client.AssistantEventHandler;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Assistants4j#embedded(Path, Path)} as an application calls it: the client finds the engine through the
 * ServiceLoader, starts it from a LiteLLM-style config.yaml routing to a fake upstream, streams a run, closes; reopened
 * on the same data dir it finds the thread and its messages again. A broken config fails at {@code embedded(…)}.
 */
class EmbeddedClientTest {

    @TempDir
    Path configDir;

    @TempDir
    Path dataDir;

    @Test
    void streams_a_run_and_finds_it_again_after_a_restart() throws IOException {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            Path config = writeConfig("""
                    model_list:
                      - model_name: gpt-4o-mini
                        litellm_params:
                          model: openai/gpt-4o-mini
                          api_base: %s
                          api_key: sk-x
                    """.formatted(upstream.baseUrl()));
            upstream.enqueue(Reply.text("Embedded ", "and ", "streamed."));
            Path appData = dataDir.resolve("app/data"); // not there yet, as on an app's first start
            String assistantId;
            String threadId;
            StringBuilder streamed = new StringBuilder();
            Run run;
            try (Assistants4j client = Assistants4j.embedded(config, appData)) {
                assistantId = client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                                .name("Local")
                                .build())
                        .id();
                threadId = client.createThread().id();
                client.addMessage(threadId, "Are you in my JVM?");
                run = client.runThreadStream(threadId, RunParams.of(assistantId), new AssistantEventHandler() {
                    @Override
                    public void onTextDelta(TextDelta delta, Text snapshot) {
                        streamed.append(delta.value());
                    }
                });
            }

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(streamed).hasToString("Embedded and streamed.");
            assertThat(upstream.requests().getLast().header("authorization")).contains("Bearer sk-x");
            try (Assistants4j reopened = Assistants4j.embedded(config, appData)) {
                assertThat(reopened.getAssistants().data())
                        .extracting(Assistant::id, Assistant::name)
                        .containsExactly(tuple(assistantId, "Local"));
                assertThat(reopened.getThread(threadId).id()).isEqualTo(threadId);
                assertThat(reopened.getMessages(threadId).data())
                        .extracting(Message::role, Message::text)
                        .containsExactly(
                                tuple("assistant", "Embedded and streamed."), tuple("user", "Are you in my JVM?"));
                assertThat(reopened.getRun(threadId, run.id()).status()).isEqualTo(RunStatus.COMPLETED);
            }
        }
    }

    @Test
    void the_builder_takes_the_config_text_and_the_environment_it_reads() {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            upstream.enqueue(Reply.text("From the builder."));
            String yaml = """
                    model_list:
                      - model_name: gpt-4o-mini
                        litellm_params:
                          model: openai/gpt-4o-mini
                          api_base: os.environ/UPSTREAM_BASE
                          api_key: os.environ/UPSTREAM_KEY
                    """;
            try (Assistants4j client = Assistants4j.embedded()
                    .configYaml(yaml)
                    .dataDir(dataDir)
                    .environment(Map.of("UPSTREAM_BASE", upstream.baseUrl()))
                    .environment("UPSTREAM_KEY", "sk-from-env")
                    .build()) {
                String assistantId = client.createAssistant(
                                AssistantParams.builder("gpt-4o-mini").build())
                        .id();
                String threadId = SdkFlows.threadAsking(client, "Hi");

                Run run = client.runThread(threadId, RunParams.of(assistantId));

                assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(client.getMessages(threadId).data().getFirst().text())
                        .isEqualTo("From the builder.");
                assertThat(upstream.requests().getLast().header("authorization"))
                        .contains("Bearer sk-from-env");
            }
        }
    }

    @Test
    void a_second_client_on_a_data_dir_in_use_is_refused_saying_so_and_the_first_keeps_working() {
        String yaml = "model_list: []\n";
        try (Assistants4j first = Assistants4j.embedded()
                .configYaml(yaml)
                .dataDir(dataDir)
                .environment(Map.of())
                .build()) {
            String threadId = first.createThread().id();

            assertThatThrownBy(() -> Assistants4j.embedded()
                            .configYaml(yaml)
                            .dataDir(dataDir)
                            .environment(Map.of())
                            .build())
                    .hasMessageContaining("in use by another process")
                    .hasMessageContaining(dataDir.toString());

            assertThat(first.getThread(threadId).id()).isEqualTo(threadId);
        }
    }

    @Test
    void a_config_that_is_not_yaml_fails_at_embedded() throws IOException {
        Path config = writeConfig("model_list: [unclosed\n  - : :");

        assertThatThrownBy(() -> Assistants4j.embedded(config, dataDir))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining(config.toString());
    }

    @Test
    void an_unknown_key_fails_at_embedded_and_names_the_key() throws IOException {
        Path config = writeConfig("""
                model_lists:
                  - model_name: gpt-4o-mini
                    litellm_params: {model: openai/gpt-4o-mini}
                """);

        assertThatThrownBy(() -> Assistants4j.embedded(config, dataDir))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("model_lists")
                .hasMessageContaining("unknown top-level key");
    }

    @Test
    void a_config_text_with_an_unknown_key_fails_at_build() {
        assertThatThrownBy(() -> Assistants4j.embedded()
                        .configYaml("general_settings: {master_key: sk-1}\nrouter_setings: {}\n")
                        .dataDir(dataDir)
                        .environment(Map.of())
                        .build())
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("router_setings");
    }

    private Path writeConfig(String yaml) throws IOException {
        return Files.writeString(configDir.resolve("config.yaml"), yaml);
    }
}

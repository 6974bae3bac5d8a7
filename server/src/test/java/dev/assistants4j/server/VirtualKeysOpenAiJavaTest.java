package dev.assistants4j.server;

import static com.openai.core.ObjectMappers.jsonMapper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.threads.ThreadCreateAndRunParams;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.testkit.Reply.Completion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key made by {@code /key/generate} as the official openai-java client uses it: objects, a streamed run, the team's
 * project seen by the master key through the client's {@code project} option (the {@code OpenAI-Project} header), and
 * bad admin requests refused in OpenAI's error shape without losing the keys already made.
 */
class VirtualKeysOpenAiJavaTest {

    private static final String MASTER_KEY = "sk-virtual-keys-master-key-0001";

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().setup(s -> s.withMasterKey(MASTER_KEY));

    @Test
    void a_generated_key_drives_a_streamed_run_in_its_teams_project() {
        // given
        admin("/team/new", "{\"team_id\":\"sdk-team\"}");
        String key =
                admin("/key/generate", "{\"team_id\":\"sdk-team\"}").path("key").asText();
        OpenAIClient client = client(key, null);
        Completion answer = dev.assistants4j.testkit.Reply.text("Hel", "lo");
        server.upstream().enqueue(answer);

        // when
        Assistant assistant = client.beta()
                .assistants()
                .create(AssistantCreateParams.builder().model("gpt-4o").build());
        List<String> events;
        try (StreamResponse<AssistantStreamEvent> stream = client.beta()
                .threads()
                .createAndRunStreaming(ThreadCreateAndRunParams.builder()
                        .assistantId(assistant.id())
                        .build())) {
            events = stream.stream().map(VirtualKeysOpenAiJavaTest::name).toList();
        }

        // then
        assertThat(events).contains("thread.message.delta").endsWith("thread.run.completed");
        assertThatThrownBy(() -> client(MASTER_KEY, null).beta().assistants().retrieve(assistant.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(client(MASTER_KEY, "sdk-team")
                        .beta()
                        .assistants()
                        .retrieve(assistant.id())
                        .id())
                .isEqualTo(assistant.id());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"models\":\"gpt-4o\"}",
                "{\"max_budget\":\"lots\"}",
                "{\"rpm_limit\":-1}",
                "{\"duration\":\"soon\"}",
                "{\"team_id\":\"no-such-team\"}",
                "[1,2]",
                "not json"
            })
    void a_bad_key_request_is_refused_in_openais_shape_and_loses_nothing(String body) {
        // given
        String kept =
                admin("/key/generate", "{\"key_alias\":\"kept\"}").path("key").asText();

        // when
        Reply reply = server.http().post("/key/generate", body, "Authorization", "Bearer " + MASTER_KEY);

        // then
        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertThat(reply.json().path("error").path("message").asText()).isNotBlank();
        assertThat(reply.json().path("error").has("type")).isTrue();
        JsonNode keys = server.http()
                .get("/key/list?return_full_object=true", "Authorization", "Bearer " + MASTER_KEY)
                .json()
                .path("keys");
        assertThat(Stream.of(keys).flatMap(k -> k.findValuesAsText("key_alias").stream()))
                .containsExactly("kept");
        assertThat(client(kept, null).beta().assistants().list().data()).isEmpty();
    }

    private OpenAIClient client(String key, String project) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey(key)
                .maxRetries(0);
        if (project != null) {
            builder.project(project);
        }
        return builder.build();
    }

    private JsonNode admin(String path, String body) {
        Reply reply = server.http().post(path, body, "Authorization", "Bearer " + MASTER_KEY);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** The {@code event:} name the event was parsed from. */
    private static String name(AssistantStreamEvent event) {
        return jsonMapper().valueToTree(event.validate()).get("event").asText();
    }
}

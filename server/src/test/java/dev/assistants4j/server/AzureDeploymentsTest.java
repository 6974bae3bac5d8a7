package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static dev.assistants4j.testkit.Reply.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Azure OpenAI's data-plane paths {@code POST /openai/deployments/{deployment}/chat/completions} and {@code
 * …/embeddings}: the deployment routes like a model name (the config's {@code model_list}) to a {@link FakeUpstream},
 * and wins over the body's {@code model}, which may be left out.
 */
class AzureDeploymentsTest {

    private static final String UPSTREAM_KEY = "sk-upstream-key-azure-paths";
    private static final String AZURE_UPSTREAM_KEY = "azure-upstream-key-0123456789";
    private static final String[] API_KEY = {"api-key", TestServer.MASTER_KEY};
    private static final String QUERY = "?api-version=2024-10-21";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerExtension server =
            ServerExtension.withFakeUpstream(AzureDeploymentsTest::config).failOnServerErrors();

    private static ServerConfig config(FakeUpstream upstream, Path dir) throws IOException {
        String yaml = """
                model_list:
                  - model_name: az-chat
                    litellm_params: {model: openai/gpt-4o-mini, api_base: %1$s, api_key: %2$s}
                  - model_name: az-embed
                    litellm_params: {model: openai/text-embedding-3-small, api_base: %1$s, api_key: %2$s}
                  - model_name: decoy
                    litellm_params: {model: openai/decoy-model, api_base: %1$s, api_key: %2$s}
                  - model_name: az-to-azure
                    litellm_params:
                      model: azure/real-deployment
                      api_base: %3$s
                      api_key: %4$s
                      api_version: "2024-10-21"
                general_settings:
                  master_key: %5$s
                """.formatted(
                upstream.baseUrl(), UPSTREAM_KEY, upstream.endpoint(), AZURE_UPSTREAM_KEY, TestServer.MASTER_KEY);
        return ConfigLoader.load(Files.writeString(dir.resolve("config.yaml"), yaml), Map.of());
    }

    @Test
    void chat_completion_without_a_model_is_routed_by_the_deployment() {
        // given
        server.upstream().enqueue(text("Hello", " Azure"));

        // when
        Reply reply = chat("az-chat", "{'messages':[{'role':'user','content':'Say hello'}]}");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().at("/choices/0/message/content").asText()).isEqualTo("Hello Azure");
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.body().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(received.header("Authorization")).contains("Bearer " + UPSTREAM_KEY);
        assertThat(received.header("api-key")).isEmpty();
    }

    @Test
    void the_deployment_wins_over_the_bodys_model() {
        // when
        Reply reply = chat("az-chat", "{'model':'decoy','messages':[{'role':'user','content':'hi'}]}");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(takeRequest().body().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void streamed_chat_completion_is_relayed_as_sse() {
        // given
        server.upstream().enqueue(text("one", " two"));

        // when
        Reply reply = chat("az-chat", "{'stream':true,'messages':[{'role':'user','content':'count'}]}");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
        assertThat(reply.body()).contains("\"content\":\"one\"", "\"content\":\" two\"");
        assertThat(reply.body().strip()).endsWith("data: [DONE]");
        RecordedRequest received = takeRequest();
        assertThat(received.body().path("stream").asBoolean()).isTrue();
        assertThat(received.body().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void embeddings_are_routed_by_the_deployment() {
        // when
        Reply reply = server.http()
                .post("/openai/deployments/az-embed/embeddings" + QUERY, json("{'input':['a','b']}"), API_KEY);

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("data")).hasSize(2);
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/v1/embeddings");
        assertThat(received.body().path("model").asText()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void a_deployment_routed_to_azure_reaches_the_upstream_deployment() {
        // when
        Reply reply = chat("az-to-azure", "{'messages':[{'role':'user','content':'hi'}]}");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/openai/deployments/real-deployment/chat/completions");
        assertThat(received.header("api-key")).contains(AZURE_UPSTREAM_KEY);
    }

    @Test
    void an_unknown_deployment_is_404_model_not_found_and_calls_no_upstream() {
        // when
        Reply reply = chat("nope", "{'model':'az-chat','messages':[{'role':'user','content':'hi'}]}");

        // then
        JsonNode error = assertError(reply, 404, null);
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(error.get("message").asText()).contains("`nope`");
        assertThat(server.upstream().requestCount()).isZero();
    }

    @Test
    void a_body_without_messages_is_refused_before_the_upstream() {
        // when
        Reply empty = server.http().post("/openai/deployments/az-chat/chat/completions" + QUERY, "", API_KEY);
        Reply noInput = server.http().post("/openai/deployments/az-embed/embeddings" + QUERY, "{}", API_KEY);

        // then
        assertThat(assertError(empty, 400, "messages").get("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(assertError(noInput, 400, "input").get("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(server.upstream().requestCount()).isZero();
    }

    /** Posts {@code body} (JSON, single-quoted) to {@code deployment}'s chat completions, with the api-key. */
    private Reply chat(String deployment, String body) {
        return server.http()
                .post("/openai/deployments/" + deployment + "/chat/completions" + QUERY, json(body), API_KEY);
    }

    private RecordedRequest takeRequest() {
        return server.upstream().takeRequest(WAIT).orElseThrow(() -> new AssertionError("the upstream got no request"));
    }
}

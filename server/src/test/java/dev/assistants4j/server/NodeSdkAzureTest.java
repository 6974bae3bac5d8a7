package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code conformance/node/azure.mjs} with the official {@code openai} npm package's {@code AzureOpenAI} client
 * (4.x and 7.x): chat completions (streamed and not) and embeddings on Azure's deployment paths, and an assistant run,
 * against a server routing the deployments to a {@link FakeUpstream}; then checks there that each call reached the
 * upstream model routed from the deployment in its path, never the one named by the body.
 */
class NodeSdkAzureTest {

    private static final String ANSWER_PREFIX = "Azure answer to: ";

    @OfficialNodeSdks
    void azure_openai_client_reaches_chat_embeddings_and_assistants(String sdk, @TempDir Path dir) throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            // given a chat model that answers each question in two deltas
            upstream.defaultReply(body -> Reply.text(ANSWER_PREFIX, lastUserText(body)));
            String yaml = """
                    model_list:
                      - model_name: az-chat
                        litellm_params: {model: openai/upstream-chat-model, api_base: %1$s, api_key: sk-upstream}
                      - model_name: az-embed
                        litellm_params: {model: openai/upstream-embed-model, api_base: %1$s, api_key: sk-upstream}
                      - model_name: decoy
                        litellm_params: {model: openai/decoy-model, api_base: %1$s, api_key: sk-upstream}
                    general_settings:
                      master_key: %2$s
                    """.formatted(upstream.baseUrl(), TestServer.MASTER_KEY);
            try (AssistantsServer server = YamlServers.start(dir, "data", yaml)) {
                // when
                String endpoint = "http://127.0.0.1:" + server.port();
                KeyedNodeScript.assertPasses("azure.mjs", sdk, dir, "ASSISTANTS_AZURE_ENDPOINT", endpoint);
            }

            // then
            List<RecordedRequest> requests = upstream.requests();
            for (String question : List.of("azure chat", "azure stream", "azure run")) {
                assertThat(requests)
                        .filteredOn(request -> lastUserText(request.body()).equals(question))
                        .as("upstream calls for %s", question)
                        .isNotEmpty()
                        .allSatisfy(request -> {
                            assertThat(request.path()).isEqualTo("/v1/chat/completions");
                            assertThat(request.body().path("model").asText()).isEqualTo("upstream-chat-model");
                        });
            }
            assertThat(requests)
                    .filteredOn(request -> request.path().equals("/v1/embeddings"))
                    .singleElement()
                    .satisfies(request -> {
                        assertThat(request.body().path("model").asText()).isEqualTo("upstream-embed-model");
                        assertThat(request.body().path("input").toString()).isEqualTo("[\"hello\",\"world\"]");
                    });
            assertThat(requests)
                    .extracting(request -> request.body().path("model").asText())
                    .doesNotContain("decoy-model", "decoy");
        }
    }

    /** The text of the last user message of a chat request (a string, or text parts), or "". */
    private static String lastUserText(JsonNode body) {
        JsonNode content = MissingNode.getInstance();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                content = message.path("content");
            }
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }
}

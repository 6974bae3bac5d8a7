package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.BadBody;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/embeddings} over raw HTTP: requests the server must refuse
 * itself, in OpenAI's shape, without calling the upstream.
 */
class ChatCompletionsBadInputTest {

    private static final String PATH = "/v1/chat/completions";
    private static final String EMBEDDINGS = "/v1/embeddings";
    private static final String GOOD_BODY = json("{'model':'my-gpt','messages':[{'role':'user','content':'hi'}]}");
    private static final String GOOD_EMBEDDINGS = json("{'model':'my-gpt','input':'hi'}");

    @RegisterExtension
    static final ServerExtension server = ServerExtension.withFakeUpstream((upstream, dir) -> new ServerConfig(
                    List.of(new ModelRoute(
                            "my-gpt",
                            "openai",
                            "gpt-4o-mini",
                            Optional.of(upstream.baseUrl()),
                            Optional.of("sk-upstream"),
                            Optional.empty())),
                    Optional.of(TestServer.MASTER_KEY),
                    Optional.empty()))
            .perClass()
            .failOnServerErrors();

    static HttpTestClient client;

    @BeforeAll
    static void start() {
        client = server.http();
    }

    @AfterEach
    void nothing_reached_the_upstream() {
        assertThat(server.upstream().requestCount())
                .as("requests forwarded upstream")
                .isZero();
    }

    static Stream<BadBody> malformedJson() {
        return HttpTestClient.malformedJson(GOOD_BODY);
    }

    static Stream<BadBody> malformedEmbeddingsJson() {
        return HttpTestClient.malformedJson(GOOD_EMBEDDINGS);
    }

    static Stream<BadBody> invalidFields() {
        return Stream.of(
                BadBody.missing("model missing", json("{'messages':[{'role':'user','content':'hi'}]}"), "model"),
                BadBody.missing("empty body", "", "model"),
                BadBody.wrongType("model a number", json("{'model':4,'messages':[]}"), "model"),
                BadBody.wrongType("model null", json("{'model':null,'messages':[]}"), "model"),
                BadBody.wrongType(
                        "stream a string", json("{'model':'my-gpt','messages':[],'stream':'yes'}"), "stream"));
    }

    /** {@link #GOOD_BODY} with {@code field} added as {@code value} (JSON, single-quoted), of the wrong type. */
    private static BadBody chatWith(String field, String value) {
        return BadInputChecks.wrongTypeWith(GOOD_BODY, field, value);
    }

    static Stream<BadBody> wronglyTypedChatFields() {
        return Stream.of(
                BadBody.wrongType("messages 123", json("{'model':'my-gpt','messages':123}"), "messages"),
                BadBody.wrongType("messages an object", json("{'model':'my-gpt','messages':{}}"), "messages"),
                BadBody.wrongType("messages null", json("{'model':'my-gpt','messages':null}"), "messages"),
                BadBody.missing("messages missing", json("{'model':'my-gpt'}"), "messages"),
                BadBody.wrongType(
                        "messages[1] a string", json("{'model':'my-gpt','messages':[{},'hi']}"), "messages[1]"),
                BadBody.wrongType("model 5 before messages 123", json("{'model':5,'messages':123}"), "model"),
                chatWith("temperature", "'hot'"),
                chatWith("top_p", "true"),
                chatWith("n", "1.5"),
                chatWith("max_tokens", "'many'"),
                chatWith("max_completion_tokens", "[]"),
                chatWith("seed", "'x'"),
                chatWith("stop", "5"),
                chatWith("tools", "{}"),
                chatWith("tool_choice", "5"),
                chatWith("response_format", "'json'"),
                chatWith("stream_options", "true"),
                chatWith("logit_bias", "[]"),
                chatWith("user", "5"),
                chatWith("parallel_tool_calls", "'yes'"),
                chatWith("metadata", "'m'"));
    }

    static Stream<BadBody> wronglyTypedEmbeddingsFields() {
        String modelOnly = json("{'model':'my-gpt'}");
        return Stream.of(
                BadBody.missing("input missing", modelOnly, "input"),
                BadBody.missing("model missing", json("{'input':'hi'}"), "model"),
                BadBody.wrongType("model 5", json("{'model':5,'input':'hi'}"), "model"),
                BadInputChecks.wrongTypeWith(modelOnly, "input", "{}"),
                BadInputChecks.wrongTypeWith(modelOnly, "input", "5"),
                BadInputChecks.wrongTypeWith(modelOnly, "input", "null"),
                BadInputChecks.wrongTypeWith(GOOD_EMBEDDINGS, "dimensions", "'8'"),
                BadInputChecks.wrongTypeWith(GOOD_EMBEDDINGS, "encoding_format", "1"),
                BadInputChecks.wrongTypeWith(GOOD_EMBEDDINGS, "user", "[]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformedJson", "invalidFields", "wronglyTypedChatFields"})
    void bad_chat_body_is_refused_before_routing(BadBody bad) {
        bad.assertRefused(post(bad.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformedEmbeddingsJson", "wronglyTypedEmbeddingsFields"})
    void bad_embeddings_body_is_refused_before_routing(BadBody bad) {
        bad.assertRefused(client.post(EMBEDDINGS, bad.body(), "Authorization", "Bearer " + TestServer.MASTER_KEY));
    }

    @Test
    void wrong_type_is_named_in_the_message_as_openai_does() {
        // when
        Reply reply = post(json("{'model':'my-gpt','messages':123}"));

        // then
        JsonNode error = assertError(reply, 400, "messages");
        assertThat(error.get("message").asText())
                .isEqualTo("Invalid type for 'messages': expected an array, but got an integer instead.");
    }

    @Test
    void model_not_in_the_model_list_is_404_model_not_found() {
        // when
        Reply reply = post(json("{'model':'gpt-4o','messages':[{'role':'user','content':'hi'}]}"));

        // then
        JsonNode error = assertError(reply, 404, null);
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(error.get("message").asText())
                .isEqualTo("The model `gpt-4o` does not exist or you do not have access to it.");
        assertThat(reply.header("x-request-id")).startsWith("req_");
    }

    @Test
    void request_without_the_master_key_is_refused() {
        // when
        Reply reply = client.post(PATH, GOOD_BODY);

        // then
        JsonNode error = assertError(reply, 401, null);
        assertThat(error.get("message").asText()).contains("You didn't provide an API key");
    }

    private static Reply post(String body) {
        return client.post(PATH, body, "Authorization", "Bearer " + TestServer.MASTER_KEY);
    }
}

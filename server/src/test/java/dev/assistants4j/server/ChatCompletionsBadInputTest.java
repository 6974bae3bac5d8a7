package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.BadBody;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /v1/chat/completions} over raw HTTP: requests the server must refuse itself, in OpenAI's shape, without
 * calling the upstream.
 */
class ChatCompletionsBadInputTest {

    private static final String PATH = "/v1/chat/completions";
    private static final String GOOD_BODY = json("{'model':'my-gpt','messages':[{'role':'user','content':'hi'}]}");

    @TempDir
    static Path dataDir;

    static FakeUpstream upstream;
    static AssistantsServer server;
    static HttpTestClient client;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        ModelRoute myGpt = new ModelRoute(
                "my-gpt",
                "openai",
                "gpt-4o-mini",
                Optional.of(upstream.baseUrl()),
                Optional.of("sk-upstream"),
                Optional.empty());
        server = TestServer.start(
                dataDir, new ServerConfig(List.of(myGpt), Optional.of(TestServer.MASTER_KEY), Optional.empty()));
        client = new HttpTestClient(server, dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
    }

    @AfterEach
    void nothing_reached_the_upstream() {
        client.assertNoServerErrors();
        assertThat(upstream.requestCount()).as("requests forwarded upstream").isZero();
    }

    static Stream<BadBody> malformedJson() {
        return HttpTestClient.malformedJson(GOOD_BODY);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedJson")
    void malformed_json_is_refused(BadBody bad) {
        // when
        Reply reply = post(bad.body());

        // then
        bad.assertRefused(reply);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void invalid_model_or_stream_is_refused(BadBody bad) {
        // when
        Reply reply = post(bad.body());

        // then
        bad.assertRefused(reply);
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

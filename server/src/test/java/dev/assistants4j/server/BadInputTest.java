package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static dev.assistants4j.server.HttpTestClient.padded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ConfigLoader;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests refused before any endpoint reads them: bodies over the size limit (413), unknown paths (404) and wrong
 * methods (405). Each is answered in OpenAI's error shape and stores nothing.
 */
class BadInputTest {

    private static final int SMALL_LIMIT = 64 * 1024;
    private static final String CREATE_ASSISTANT = json("{'model':'m','name':'created'}");

    @TempDir
    static Path dataDir;

    static AssistantsServer small;
    static HttpTestClient client;
    static KeptObjects kept;

    @BeforeAll
    static void start() {
        Path smallDir = dataDir.resolve("small");
        small = TestServer.start(Setup.of(smallDir, ConfigLoader.defaults(Map.of()))
                .withOptions(new ServerOptions("127.0.0.1", 0, smallDir, SMALL_LIMIT)));
        client = new HttpTestClient(small, smallDir);
        kept = KeptObjects.create(client);
    }

    @AfterAll
    static void stop() {
        small.close();
    }

    @AfterEach
    void no_request_answered_500() {
        client.assertNoServerErrors();
    }

    /** Every write endpoint with a body it would accept, sent with and without a Content-Length. */
    static Stream<Arguments> writeRequests() {
        String assistantId = kept.assistantId();
        String threadId = kept.threadId();
        String messagesPath = kept.messagesPath();
        List<Arguments> targets = List.of(
                Arguments.of("create assistant", "/v1/assistants", CREATE_ASSISTANT),
                Arguments.of("modify assistant", "/v1/assistants/" + assistantId, json("{'name':'changed'}")),
                Arguments.of(
                        "create thread",
                        "/v1/threads",
                        json("{'messages':[{'role':'user','content':'hi'}],'metadata':{'k':'v'}}")),
                Arguments.of("modify thread", "/v1/threads/" + threadId, json("{'metadata':{'changed':'yes'}}")),
                Arguments.of("create message", messagesPath, json("{'role':'user','content':'hi'}")),
                Arguments.of(
                        "modify message",
                        messagesPath + "/" + kept.messageId(),
                        json("{'metadata':{'changed':'yes'}}")));
        return Stream.of(false, true).flatMap(chunked -> targets.stream()
                .map(target -> Arguments.of(target.get()[0], target.get()[1], target.get()[2], chunked)));
    }

    @ParameterizedTest(name = "{0}, chunked={3}")
    @MethodSource("writeRequests")
    void body_over_the_limit_is_413_and_stores_nothing(String label, String path, String body, boolean chunked) {
        // given
        Map<String, List<String>> stored = client.storedIds();
        String objects = kept.retrieved();
        String oversized = padded(body, SMALL_LIMIT + 1);

        // when
        Reply reply = chunked ? client.postChunked(path, oversized) : client.post(path, oversized);

        // then
        assertError(reply, 413, null);
        assertThat(client.storedIds()).isEqualTo(stored);
        assertThat(kept.retrieved()).isEqualTo(objects);
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void body_of_exactly_the_limit_is_accepted(boolean chunked) {
        // given
        String body = padded(CREATE_ASSISTANT, SMALL_LIMIT);

        // when
        Reply reply = chunked ? client.postChunked("/v1/assistants", body) : client.post("/v1/assistants", body);

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(client.storedIds().get("assistants"))
                .contains(reply.json().get("id").asText());
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void default_limit_refuses_a_body_just_over_8_mib(boolean chunked) {
        Path defaultDir = dataDir.resolve(chunked ? "default-chunked" : "default");
        try (AssistantsServer server = TestServer.start(defaultDir)) {
            // given
            HttpTestClient defaults = new HttpTestClient(server, defaultDir);
            String oversized = padded(CREATE_ASSISTANT, (int) ServerOptions.DEFAULT_MAX_REQUEST_BYTES + 1);

            // when
            Reply reply = chunked
                    ? defaults.postChunked("/v1/assistants", oversized)
                    : defaults.post("/v1/assistants", oversized);

            // then
            assertError(reply, 413, null);
            assertThat(defaults.listIds("/v1/assistants")).isEmpty();
            assertThat(defaults.storedIds().get("assistants")).isEmpty();
            defaults.assertNoServerErrors();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /v1/nope",
        "POST, /v1/nope",
        "DELETE, /v1/nope",
        "GET, /v1/assistants/x/y",
        "POST, /v1/assistants/x/y",
        "DELETE, /v1/assistants/x/y",
        "GET, /v1/threads/x/messages/y/z",
        "POST, /v1/threads/x/runs/y/nope",
        "GET, /openai/nope",
        "GET, /nope"
    })
    void unknown_path_is_404_in_openai_shape(String method, String path) {
        // when / then
        JsonNode error = assertRefusedChangingNothing(method, path, CREATE_ASSISTANT, 404);
        assertThat(error.get("message").asText()).isEqualTo("Invalid URL (" + method + " " + path + ")");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "PUT, /v1/assistants",
        "PATCH, /v1/assistants",
        "DELETE, /v1/assistants",
        "PUT, /v1/assistants/{assistant}",
        "PATCH, /v1/assistants/{assistant}",
        "PUT, /v1/threads",
        "DELETE, /v1/threads",
        "PATCH, /v1/threads/x",
        "PUT, /v1/threads/{thread}",
        "DELETE, /v1/threads/x/messages",
        "PUT, /v1/threads/{thread}/messages",
        "PATCH, /v1/threads/{thread}/messages/{message}",
        "PUT, /openai/assistants"
    })
    void wrong_method_is_405_in_openai_shape_and_changes_nothing(String method, String template) {
        // given
        String path = template.replace("{assistant}", kept.assistantId())
                .replace("{thread}", kept.threadId())
                .replace("{message}", kept.messageId());

        // when / then
        assertRefusedChangingNothing(method, path, json("{'model':'m','metadata':{'x':'y'}}"), 405);
    }

    /**
     * Sends {@code method} to {@code path} with {@code body}: refused with {@code status} in OpenAI's shape, no row
     * stored and the kept objects unchanged. Returns the error.
     */
    private static JsonNode assertRefusedChangingNothing(String method, String path, String body, int status) {
        // given
        Map<String, List<String>> stored = client.storedIds();
        String objects = kept.retrieved();

        // when
        Reply reply = client.send(method, path, BodyPublishers.ofString(body));

        // then
        JsonNode error = assertError(reply, status, null);
        assertThat(client.storedIds()).isEqualTo(stored);
        assertThat(kept.retrieved()).isEqualTo(objects);
        return error;
    }
}

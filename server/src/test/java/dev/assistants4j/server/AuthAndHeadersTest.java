package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static dev.assistants4j.server.HttpTestClient.padded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.TestServer.Setup;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** API keys (OpenAI and Azure style), {@code x-request-id} on every response, and the optional OpenAI-Beta header. */
class AuthAndHeadersTest {

    private static final int SMALL_LIMIT = 64 * 1024;
    private static final String KEY = TestServer.MASTER_KEY;
    private static final String WRONG_KEY = "sk-wrong-key-9876543210-abcdefghij";
    private static final String[] BEARER = {"Authorization", "Bearer " + KEY};
    private static final String CREATE_ASSISTANT = json("{'model':'m'}");

    @TempDir
    static Path dataDir;

    /** Requires {@link TestServer#MASTER_KEY}; bodies are limited to 64 KiB so a 413 is cheap. */
    static AssistantsServer keyed;

    static AssistantsServer open;
    static HttpTestClient keyedClient;
    static HttpTestClient openClient;

    @BeforeAll
    static void start() {
        ServerConfig defaults = ConfigLoader.defaults(Map.of());
        Path keyedDir = dataDir.resolve("keyed");
        keyed = TestServer.start(
                Setup.of(keyedDir, new ServerConfig(defaults.models(), Optional.of(KEY), defaults.fallback()))
                        .withOptions(new ServerOptions("127.0.0.1", 0, keyedDir, SMALL_LIMIT)));
        keyedClient = new HttpTestClient(keyed, keyedDir);
        Path openDir = dataDir.resolve("open");
        open = TestServer.start(openDir);
        openClient = new HttpTestClient(open, openDir);
    }

    @AfterAll
    static void stop() {
        keyed.close();
        open.close();
    }

    @AfterEach
    void no_request_answered_500() {
        keyedClient.assertNoServerErrors();
        openClient.assertNoServerErrors();
    }

    @Test
    void every_response_carries_a_distinct_request_id() {
        // given
        Map<Integer, Supplier<Reply>> requests = Map.of(
                200, () -> keyedClient.get("/v1/assistants", BEARER),
                400, () -> keyedClient.post("/v1/assistants", "{bad", BEARER),
                401, () -> keyedClient.get("/v1/assistants"),
                404, () -> keyedClient.get("/v1/assistants/asst_nope", BEARER),
                405, () -> keyedClient.send("PUT", "/v1/assistants", BodyPublishers.ofString("{}"), BEARER),
                413, () -> keyedClient.post("/v1/assistants", padded(CREATE_ASSISTANT, SMALL_LIMIT + 1), BEARER));
        List<String> ids = new ArrayList<>();

        // when
        for (int round = 0; round < 2; round++) {
            requests.forEach((status, request) -> {
                Reply reply = request.get();
                assertThat(reply.status()).as(reply.body()).isEqualTo(status);
                ids.add(reply.header("x-request-id"));
            });
        }
        ids.add(keyedClient.get("/v1/nope", BEARER).header("x-request-id"));
        ids.add(keyedClient.get("/health/liveness").header("x-request-id"));

        // then
        assertThat(ids).hasSize(14).allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(new HashSet<>(ids)).as("distinct request ids").hasSameSizeAs(ids);
    }

    @ParameterizedTest(name = "OpenAI-Beta header sent: {0}")
    @ValueSource(booleans = {true, false})
    void openai_beta_header_is_optional(boolean sendBeta) {
        // given
        String[] headers = sendBeta ? new String[] {"OpenAI-Beta", "assistants=v2"} : new String[0];

        // when
        Reply created = openClient.post("/v1/assistants", CREATE_ASSISTANT, headers);
        Reply listed = openClient.get("/v1/assistants", headers);

        // then
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("data").findValuesAsText("id"))
                .contains(created.json().get("id").asText());
    }

    @ParameterizedTest(name = "{0}: [{1}]")
    @CsvSource({
        "/v1/assistants, ''",
        "/v1/assistants, Authorization",
        "/v1/assistants, Authorization:Bearer",
        "/v1/assistants, Authorization:Basic dXNlcjpwYXNz",
        "/openai/assistants?api-version=2024-05-01-preview, ''"
    })
    void missing_key_is_401_and_stores_nothing(String path, String header) {
        // given
        String[] headers = headerPair(header);
        Map<String, List<String>> stored = keyedClient.storedIds();

        // when
        Reply list = keyedClient.get(path, headers);
        Reply create = keyedClient.post(path, CREATE_ASSISTANT, headers);

        // then
        JsonNode error = assertError(list, 401, null);
        assertThat(error.get("code").isNull()).as("code").isTrue();
        assertError(create, 401, null);
        assertThat(keyedClient.storedIds()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Authorization", "api-key", "x-api-key"})
    void wrong_key_is_401_invalid_api_key_without_echoing_the_key(String header) {
        // given
        String value = header.equals("Authorization") ? "Bearer " + WRONG_KEY : WRONG_KEY;
        Map<String, List<String>> stored = keyedClient.storedIds();

        // when
        Reply reply = keyedClient.post("/v1/assistants", CREATE_ASSISTANT, header, value);

        // then
        JsonNode error = assertError(reply, 401, null);
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(reply.body()).doesNotContain(WRONG_KEY).doesNotContain(WRONG_KEY.substring(4, 30));
        assertThat(keyedClient.storedIds()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Authorization, 'Bearer '", "api-key, ''", "x-api-key, ''"})
    void right_key_is_accepted_in_each_header(String header, String prefix) {
        // when
        Reply created = keyedClient.post("/v1/assistants", CREATE_ASSISTANT, header, prefix + KEY);

        // then
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        assertThat(keyedClient.get("/v1/assistants/" + id, header, prefix + KEY).status())
                .isEqualTo(200);
    }

    @Test
    void azure_style_path_with_api_key_reaches_the_same_data() {
        // given
        String azure = "/openai/assistants?api-version=2024-05-01-preview";

        // when
        Reply created = keyedClient.post(azure, CREATE_ASSISTANT, "api-key", KEY);
        Reply listed = keyedClient.get(azure, "api-key", KEY);

        // then
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("object").asText()).isEqualTo("list");
        assertThat(listed.json().get("data").findValuesAsText("id")).contains(id);
        assertThat(keyedClient.get("/v1/assistants/" + id, BEARER).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/health/liveness", "/health/readiness"})
    void health_needs_no_key_and_answers_json(String path) {
        // when
        Reply reply = keyedClient.get(path);

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"''", "Authorization:Bearer anything", "Authorization:Basic dXNlcjpwYXNz", "api-key:whatever"})
    void without_a_master_key_any_or_no_authorization_is_accepted(String header) {
        // given
        String[] headers = headerPair(header);

        // when
        Reply created = openClient.post("/v1/assistants", CREATE_ASSISTANT, headers);
        Reply listed = openClient.get("/v1/assistants", headers);

        // then
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    }

    /** {@code "Name:value"} as a header pair, {@code "Name"} as a header with an empty value, blank as none. */
    private static String[] headerPair(String header) {
        if (header == null || header.isBlank()) {
            return new String[0];
        }
        int colon = header.indexOf(':');
        return colon < 0
                ? new String[] {header, ""}
                : new String[] {header.substring(0, colon), header.substring(colon + 1)};
    }
}

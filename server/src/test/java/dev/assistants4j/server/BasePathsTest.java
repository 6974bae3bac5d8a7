package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.FakeUpstream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API under every base path: none (as LiteLLM's proxy serves it, for clients whose base URL is the bare host),
 * {@code /v1}, {@code /openai} and {@code /openai/v1} (Azure); the key is needed under all of them, the health checks
 * stay open, and paths no route serves get OpenAI's JSON 404 or 405.
 */
class BasePathsTest {

    private static final String[] BEARER = {"Authorization", "Bearer " + TestServer.MASTER_KEY};
    private static final String CREATE_ASSISTANT = json("{'model':'m','name':'paths'}");

    /** Keyed; every model name routes to the fake upstream, whose model list the server relays. */
    @RegisterExtension
    static final ServerExtension server = ServerExtension.withFakeUpstream(BasePathsTest::keyedDefaults)
            .perClass()
            .failOnServerErrors();

    static HttpTestClient http;

    @BeforeAll
    static void start() {
        http = server.http();
    }

    /** The config of a server without a config file, with {@code OPENAI_BASE_URL} the upstream's, and the master key. */
    private static ServerConfig keyedDefaults(FakeUpstream upstream, Path dir) {
        ServerConfig defaults = ConfigLoader.defaults(Map.of("OPENAI_BASE_URL", upstream.baseUrl()));
        return new ServerConfig(defaults.models(), Optional.of(TestServer.MASTER_KEY), defaults.fallback());
    }

    @ParameterizedTest(name = "base path [{0}]")
    @ValueSource(strings = {"", "/v1", "/openai", "/openai/v1"})
    void every_base_path_serves_the_same_api(String base) {
        // when
        Reply created = http.post(base + "/assistants?api-version=2024-10-21", CREATE_ASSISTANT, BEARER);
        Reply thread = http.post(base + "/threads", "", BEARER);
        Reply listedWithSlash = http.get(base + "/assistants/?order=desc&limit=20", BEARER);

        // then
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        assertThat(http.get("/v1/assistants/" + id, BEARER).status()).isEqualTo(200);
        assertThat(thread.status()).as(thread.body()).isEqualTo(200);
        assertThat(thread.json().get("object").asText()).isEqualTo("thread");
        String threadId = thread.json().get("id").asText();
        assertThat(listedWithSlash.status()).as(listedWithSlash.body()).isEqualTo(200);
        assertThat(listedWithSlash.json().get("first_id").asText()).isEqualTo(id);
        for (String list : List.of("/threads/" + threadId + "/messages", "/files", "/vector_stores", "/models")) {
            Reply reply = http.get(base + list, BEARER);
            assertThat(reply.status())
                    .as("GET %s%s: %s", base, list, reply.body())
                    .isEqualTo(200);
            assertThat(reply.json().get("object").asText()).isEqualTo("list");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /assistants",
        "POST, /assistants",
        "GET, /assistants/",
        "HEAD, /assistants",
        "GET, /assistants/asst_x",
        "POST, /threads",
        "POST, /threads/runs",
        "GET, /threads/thread_x/messages",
        "POST, /threads/thread_x/runs",
        "GET, /files",
        "GET, /vector_stores",
        "GET, /models",
        "POST, /chat/completions",
        "POST, /embeddings",
        "POST, /openai/v1/assistants",
        "POST, /openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
        "POST, /openai/deployments/gpt-4o/embeddings?api-version=2024-10-21"
    })
    void every_route_needs_the_key_under_every_base_path(String method, String path) {
        // given
        Map<String, List<String>> stored = http.storedIds();

        // when
        Reply reply = http.send(method, path, BodyPublishers.ofString(CREATE_ASSISTANT));

        // then
        if (method.equals("HEAD")) {
            assertThat(reply.status()).isEqualTo(401);
        } else {
            assertError(reply, 401, null);
        }
        assertThat(http.storedIds()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/health/liveness", "/health/readiness"})
    void health_stays_keyless(String path) {
        // when
        Reply reply = http.get(path);
        Reply head = http.send("HEAD", path, BodyPublishers.noBody());

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(
            strings = {
                "/",
                "/favicon.ico",
                "/v1",
                "/nope",
                "/v1/nope",
                "/health",
                "/openai/deployments/gpt-4o/completions",
                "/openai/deployments/gpt-4o/assistants"
            })
    void a_path_no_route_serves_is_an_openai_404_with_or_without_a_key(String path) {
        // when
        Reply keyless = http.get(path);
        Reply keyed = http.get(path, BEARER);

        // then
        for (Reply reply : List.of(keyless, keyed)) {
            JsonNode error = assertError(reply, 404, null);
            assertThat(error.get("message").asText()).isEqualTo("Invalid URL (GET " + path + ")");
        }
    }

    @Test
    void a_wrong_method_on_an_unprefixed_route_is_an_openai_405() {
        // when
        Reply reply = http.send("PUT", "/assistants", BodyPublishers.ofString("{}"), BEARER);

        // then
        JsonNode error = assertError(reply, 405, null);
        assertThat(error.get("message").asText()).isEqualTo("Invalid method for URL (PUT /assistants)");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(
            strings = {
                "//assistants",
                "/v1//assistants",
                "/health/../assistants",
                "/health/liveness/../../assistants",
                "/health/%2e%2e/assistants",
                "/health/..%2fassistants",
                "/%61ssistants",
                "/Assistants",
                "/assistants;x",
                "/health;/../assistants"
            })
    void odd_spellings_of_an_api_path_never_pass_without_the_key(String path) {
        // when
        Reply reply = RawSocket.send(
                server.server().port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        // then
        assertThat(reply.status()).as("%s -> %s", path, reply.body()).isIn(400, 401, 404);
        assertThat(reply.body()).doesNotContain("\"object\":\"list\"");
    }
}

package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.server.HttpTestClient.Reply;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Browsers may call the server (CORS): preflights are answered before auth on any path, and every response to an
 * allowed origin (success, stream, auth, routing, parsing and Jetty errors) names it; a configured
 * {@code general_settings.allowed_origins} keeps other origins out.
 */
class CorsTest {

    private static final String KEY = TestServer.MASTER_KEY;
    private static final String[] BEARER = {"Authorization", "Bearer " + KEY};
    private static final String APP = CorsServers.APP;
    private static final String OTHER = "https://evil.example.net";

    @TempDir
    static Path dir;

    /** Every origin allowed (the default), and only {@link #APP} allowed. */
    static CorsServers servers;

    static HttpTestClient anyClient;
    static HttpTestClient appOnlyClient;

    @BeforeAll
    static void start() throws IOException {
        servers = CorsServers.start(dir);
        anyClient = new HttpTestClient(servers.anyOrigin(), dir.resolve("any"));
        appOnlyClient = new HttpTestClient(servers.appOnly(), dir.resolve("app"));
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @AfterEach
    void no_request_answered_500() {
        anyClient.assertNoServerErrors();
        appOnlyClient.assertNoServerErrors();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/v1/threads/thread_x/runs",
                "/v1/chat/completions",
                "/openai/assistants?api-version=2024-05-01-preview",
                "/assistants",
                "/threads/thread_x/runs/run_y/submit_tool_outputs"
            })
    void preflight_to_any_path_is_answered_204_without_a_key(String path) {
        // when
        Reply reply = preflight(anyClient, path, APP, "authorization,content-type,openai-beta,x-custom-thing");

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(list(reply, "Access-Control-Allow-Methods"))
                .contains("get", "post", "delete", "options", "put", "patch");
        assertThat(list(reply, "Access-Control-Allow-Headers"))
                .contains("authorization", "api-key", "content-type", "openai-beta", "x-custom-thing")
                .contains("x-stainless-os", "x-stainless-lang", "x-stainless-retry-count", "x-stainless-timeout");
        assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(list(reply, "Vary")).contains("origin");
        assertThat(reply.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(reply.header("x-request-id")).startsWith("req_");
    }

    @Test
    void every_kind_of_response_to_an_allowed_origin_carries_the_cors_headers() {
        // given
        String[] fromApp = {"Origin", APP, BEARER[0], BEARER[1]};
        String[] wrongKey = {"Origin", APP, "Authorization", "Bearer sk-wrong-key-0000000000000"};
        Map<String, Supplier<Reply>> requests = Map.of(
                "200 list", () -> anyClient.get("/v1/assistants", fromApp),
                "200 create", () -> anyClient.post("/v1/assistants", json("{'model':'mock-gpt'}"), fromApp),
                "400 bad JSON", () -> anyClient.post("/v1/assistants", "{bad", fromApp),
                "401 wrong key", () -> anyClient.get("/v1/assistants", wrongKey),
                "401 no key", () -> anyClient.get("/v1/assistants", "Origin", APP),
                "404 unknown id", () -> anyClient.get("/v1/assistants/asst_nope", fromApp),
                "404 unknown path", () -> anyClient.get("/v1/nope", fromApp),
                "405 wrong method",
                        () -> anyClient.send("PUT", "/v1/assistants", BodyPublishers.ofString("{}"), fromApp));

        // when / then
        requests.forEach((label, request) -> {
            Reply reply = request.get();
            assertThat(reply.status()).as("%s: %s", label, reply.body()).isEqualTo(Integer.parseInt(label, 0, 3, 10));
            assertAllowed(reply, APP, label);
        });
    }

    @Test
    void a_streamed_run_carries_the_cors_headers() {
        // given
        String[] fromApp = {"Origin", APP, BEARER[0], BEARER[1]};
        String assistant = anyClient
                .post("/v1/assistants", json("{'model':'mock-gpt'}"), fromApp)
                .json()
                .get("id")
                .asText();
        String body = json("{'assistant_id':'" + assistant + "','stream':true,"
                + "'thread':{'messages':[{'role':'user','content':'Hi'}]}}");

        // when
        Reply stream = anyClient.post("/v1/threads/runs", body, fromApp);

        // then
        assertThat(stream.status()).as(stream.body()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.body()).contains("event: thread.run.completed").contains("Hello from the mock");
        assertAllowed(stream, APP, "stream");
    }

    @Test
    void a_request_jetty_refuses_carries_the_cors_headers() {
        // when
        Reply reply = RawSocket.send(
                servers.anyOrigin().port(),
                "DELETE /v1/files/..;/x HTTP/1.1\r\nHost: localhost\r\nOrigin: " + APP
                        + "\r\nConnection: close\r\n\r\n");

        // then
        assertError(reply, 400, null);
        assertAllowed(reply, APP, "refused by Jetty");
    }

    @Test
    void a_request_without_an_origin_gets_no_cors_headers() {
        // when
        Reply reply = anyClient.get("/v1/assistants", BEARER);

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
        assertThat(reply.header("Access-Control-Expose-Headers")).isNull();
        assertThat(list(reply, "Vary")).contains("origin");
    }

    @Test
    void configured_origins_admit_only_themselves() {
        // when
        Reply allowedPreflight = preflight(appOnlyClient, "/v1/assistants", APP, "authorization");
        Reply allowed = appOnlyClient.get("/v1/assistants", "Origin", APP, BEARER[0], BEARER[1]);
        Reply refusedPreflight = preflight(appOnlyClient, "/v1/assistants", OTHER, "authorization");
        Reply refused = appOnlyClient.get("/v1/assistants", "Origin", OTHER, BEARER[0], BEARER[1]);

        // then
        assertThat(allowedPreflight.status()).isEqualTo(204);
        assertThat(allowedPreflight.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertAllowed(allowed, APP, "allowed origin");
        assertThat(assertError(refusedPreflight, 403, null).get("message").asText())
                .contains(OTHER)
                .contains("general_settings.allowed_origins");
        assertThat(refusedPreflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refusedPreflight.header("Access-Control-Allow-Methods")).isNull();
        assertThat(refused.status()).as("served, but the page may not read it").isEqualTo(200);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.header("Access-Control-Expose-Headers")).isNull();
    }

    @Test
    void a_server_without_a_master_key_admits_only_this_machines_pages() {
        try (AssistantsServer keyless = TestServer.start(dir.resolve("keyless"))) {
            HttpTestClient client = new HttpTestClient(keyless, dir.resolve("keyless"));

            // when
            Reply local = preflight(client, "/v1/assistants", "http://localhost:5173", "content-type");
            Reply loopback = client.get("/v1/assistants", "Origin", "http://127.0.0.1:3000");
            Reply elsewhere = preflight(client, "/v1/assistants", APP, "content-type");
            Reply elsewhereGet = client.get("/v1/assistants", "Origin", APP);

            // then
            assertThat(local.status()).isEqualTo(204);
            assertThat(local.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
            assertAllowed(loopback, "http://127.0.0.1:3000", "a page of this machine");
            assertThat(assertError(elsewhere, 403, null).get("message").asText())
                    .contains("general_settings.allowed_origins");
            assertThat(elsewhereGet.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    private static Reply preflight(HttpTestClient client, String path, String origin, String requestedHeaders) {
        return client.send(
                "OPTIONS",
                path,
                BodyPublishers.noBody(),
                "Origin",
                origin,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                requestedHeaders);
    }

    private static void assertAllowed(Reply reply, String origin, String label) {
        assertThat(reply.header("Access-Control-Allow-Origin")).as(label).isEqualTo(origin);
        assertThat(list(reply, "Access-Control-Expose-Headers"))
                .as(label)
                .contains(
                        "x-request-id",
                        "openai-poll-after-ms",
                        "openai-version",
                        "openai-processing-ms",
                        "retry-after",
                        "x-ratelimit-remaining-requests",
                        "x-ratelimit-reset-tokens");
        assertThat(list(reply, "Vary")).as(label).contains("origin");
        assertThat(reply.header("Access-Control-Allow-Credentials")).as(label).isNull();
    }

    /** A comma-separated header's values, trimmed and lower case. */
    private static List<String> list(Reply reply, String header) {
        String value = reply.header(header);
        assertThat(value).as(header).isNotNull();
        return Arrays.stream(value.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .toList();
    }
}

package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/chat/completions} through the model routing, driven by the official openai-java client against a
 * real server whose config routes model names to a {@link FakeUpstream}.
 */
class ChatCompletionsProxyTest {

    private static final String UPSTREAM_KEY = "sk-upstream-key-for-openai";
    private static final String AZURE_KEY = "azure-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream(
                    (upstream, dir) -> ConfigLoader.load(config(upstream, dir), Map.of()))
            .apiKey(TestServer.MASTER_KEY);

    private static Path config(FakeUpstream upstream, Path dir) throws IOException {
        String yaml =
                """
                model_list:
                  - model_name: my-gpt
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %s
                      api_key: %s
                  - model_name: my-azure
                    litellm_params:
                      model: azure/my-deployment
                      api_base: %s
                      api_key: %s
                      api_version: 2024-06-01
                  - model_name: unreachable
                    litellm_params:
                      model: openai/gpt-4o
                      api_base: http://127.0.0.1:1/v1
                general_settings:
                  master_key: %s
                """.formatted(upstream.baseUrl(), UPSTREAM_KEY, upstream.endpoint(), AZURE_KEY, TestServer.MASTER_KEY);
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    @Test
    void completion_is_answered_by_the_routed_upstream_model() {
        // given
        server.upstream().enqueue(Reply.text("Hello", " from upstream"));

        // when
        ChatCompletion completion = server.client().chat().completions().create(ask("my-gpt", "Say hello"));

        // then
        assertThat(completion.choices().getFirst().message().content()).contains("Hello from upstream");
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.body().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(received.body().path("messages").get(0).path("content").asText())
                .isEqualTo("Say hello");
    }

    @Test
    void fields_this_server_does_not_know_and_well_typed_known_ones_reach_the_upstream_unchanged() {
        // given
        HttpTestClient http = server.http();
        String body = HttpTestClient.json("{'model':'my-gpt','messages':[{'role':'user','content':'hi','x_part':[1]}],"
                + "'n':2.0,'seed':12345678901,'stop':['a'],'temperature':null,"
                + "'x_vendor_option':{'nested':[1,'two',null]},'guided_json':'{}'}");

        // when
        HttpTestClient.Reply reply =
                http.post("/v1/chat/completions", body, "Authorization", "Bearer " + TestServer.MASTER_KEY);

        // then
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode sent = HttpTestClient.parse(body);
        JsonNode received = takeRequest().body();
        ((ObjectNode) sent).put("model", "gpt-4o-mini");
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void upstream_gets_the_route_key_not_the_master_key() {
        // when
        server.client().chat().completions().create(ask("my-gpt", "Hi"));

        // then
        RecordedRequest received = takeRequest();
        assertThat(received.header("Authorization")).contains("Bearer " + UPSTREAM_KEY);
        assertThat(received.rawBody()).doesNotContain(TestServer.MASTER_KEY);
        assertThat(received.headers().toString()).doesNotContain(TestServer.MASTER_KEY);
    }

    @Test
    void streamed_completion_relays_every_chunk() {
        // given
        server.upstream().enqueue(Reply.text("Stream", "ed ", "answer"));

        // when
        String text;
        try (StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(ask("my-gpt", "Stream please"))) {
            text = stream.stream().map(ChatCompletionsProxyTest::deltaText).collect(Collectors.joining());
        }

        // then
        assertThat(text).isEqualTo("Streamed answer");
        RecordedRequest received = takeRequest();
        assertThat(received.body().path("stream").asBoolean()).isTrue();
        assertThat(received.body().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void streamed_chunks_reach_the_client_while_the_upstream_is_still_answering() {
        // given: an upstream that sends its first chunk, then nothing until the client goes away
        server.upstream().enqueue(Reply.hangUntilClosed());

        // when
        StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(ask("my-gpt", "Wait"));
        Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
        ChatCompletionChunk first = chunks.next();
        int completedWhileReading = server.upstream().completedReplies();
        stream.close();

        // then: the first chunk was not held back, and closing the stream ended the upstream request
        assertThat(first.choices().getFirst().delta().role()).isPresent();
        assertThat(completedWhileReading).isZero();
        assertThat(server.upstream().awaitDisconnect(WAIT))
                .as("upstream saw the disconnect")
                .isTrue();
    }

    @Test
    void azure_route_calls_the_deployment_with_api_version_and_api_key() {
        // given
        server.upstream().enqueue(Reply.text("from azure"));

        // when
        ChatCompletion completion = server.client().chat().completions().create(ask("my-azure", "Hi Azure"));

        // then
        assertThat(completion.choices().getFirst().message().content()).contains("from azure");
        RecordedRequest received = takeRequest();
        assertThat(received.path()).isEqualTo("/openai/deployments/my-deployment/chat/completions");
        assertThat(received.queryParam("api-version")).contains("2024-06-01");
        assertThat(received.header("api-key")).contains(AZURE_KEY);
        assertThat(received.header("Authorization")).isEmpty();
    }

    @Test
    void upstream_rate_limit_passes_through_with_its_error_body() {
        // given
        server.upstream()
                .enqueue(Reply.error(429, "Rate limit reached for gpt-4o-mini").retryAfter(Duration.ofSeconds(7)));

        // when
        RateLimitException error = refused(RateLimitException.class, "my-gpt");

        // then
        assertThat(error.getMessage()).contains("Rate limit reached for gpt-4o-mini");
        assertThat(error.code()).contains("rate_limit_exceeded");
        assertThat(error.type()).contains("requests");
        assertThat(error.headers().values("retry-after")).containsExactly("7");
    }

    @Test
    void upstream_not_found_passes_through_with_its_error_body() {
        // given: the upstream itself does not know the model
        server.upstream()
                .enqueue(Reply.error(404, "The model `gpt-4o-mini` does not exist")
                        .code("model_not_found"));

        // when
        NotFoundException error = refused(NotFoundException.class, "my-gpt");

        // then
        assertThat(error.getMessage()).contains("The model `gpt-4o-mini` does not exist");
        assertThat(error.code()).contains("model_not_found");
    }

    @Test
    void model_missing_from_the_config_is_refused_with_model_not_found() {
        // when
        NotFoundException error = refused(NotFoundException.class, "gpt-unknown");

        // then
        assertThat(error.getMessage()).contains("The model `gpt-unknown` does not exist");
        assertThat(error.code()).contains("model_not_found");
        assertThat(error.type()).contains("invalid_request_error");
        assertThat(server.upstream().requestCount()).isZero();
    }

    @Test
    void unreachable_upstream_is_a_502_server_error() {
        // when
        InternalServerException error = refused(InternalServerException.class, "unreachable");

        // then
        assertThat(error.statusCode()).isEqualTo(502);
        assertThat(error.type()).contains("server_error");
        assertThat(error.getMessage()).contains("model provider");
    }

    @Test
    void upstream_error_page_becomes_an_openai_error_with_the_same_status() {
        // given: a gateway in front of the upstream answers with HTML
        server.upstream().enqueue(Reply.error(502, "ignored").rawBody("<html><body>502 Bad Gateway</body></html>"));

        // when
        InternalServerException error = refused(InternalServerException.class, "my-gpt");

        // then
        assertThat(error.statusCode()).isEqualTo(502);
        assertThat(error.type()).contains("server_error");
        assertThat(error.getMessage()).contains("The model provider answered HTTP 502.");
    }

    private RecordedRequest takeRequest() {
        return server.upstream().takeRequest(WAIT).orElseThrow(() -> new AssertionError("the upstream got no request"));
    }

    private static ChatCompletionCreateParams ask(String model, String question) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage(question)
                .build();
    }

    private static String deltaText(ChatCompletionChunk chunk) {
        return chunk.choices().stream()
                .map(choice -> choice.delta().content().orElse(""))
                .collect(Collectors.joining());
    }

    /** The {@code type} error the server answers when asked "Hi" of {@code model}. */
    private <T extends OpenAIServiceException> T refused(Class<T> type, String model) {
        T error = catchThrowableOfType(
                type, () -> server.client().chat().completions().create(ask(model, "Hi")));
        assertThat(error).as("a %s", type.getSimpleName()).isNotNull();
        return error;
    }
}

package dev.assistants4j.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.client.ApiConnectionException;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.AuthenticationException;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.server.AssistantsServer;
import dev.assistants4j.server.TestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP transport reaches a server with a master key the ways apps are configured: OpenAI's base URL
 * ({@code /v1}), a bare host (LiteLLM's proxy serves the API there), and Azure style ({@code /openai}, the key in
 * {@code api-key}, {@code api-version} on every call). A wrong key and a server that is not there fail as typed
 * exceptions.
 */
class HttpClientStylesTest {

    @TempDir
    Path dataDir;

    private AssistantsServer server;

    @BeforeEach
    void start() {
        server = TestServer.withMasterKey(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> styles() {
        return Stream.of(
                Arguments.of("openai", "/v1", null),
                Arguments.of("bare host", "", null),
                Arguments.of("azure", "/openai", "2024-05-01-preview"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void createsListsAndDeletesAnAssistant(String style, String basePath, String azureVersion) {
        var builder = Assistants4j.http().baseUrl(root() + basePath).apiKey(TestServer.MASTER_KEY);
        if (azureVersion != null) {
            builder.azure(azureVersion);
        }
        try (Assistants4j client = builder.build()) {
            Assistant created = client.createAssistant(
                    AssistantParams.builder("gpt-4o-mini").name(style).build());

            assertThat(client.getAssistant(created.id()).name()).isEqualTo(style);
            assertThat(client.getAssistants().data()).extracting(Assistant::id).contains(created.id());
            assertThat(client.deleteAssistant(created.id()).deleted()).isTrue();
        }
    }

    @Test
    void aWrongKeyIsRefusedAsOpenAiRefusesIt() {
        try (Assistants4j client = Assistants4j.connect(server.baseUrl(), "sk-wrong")) {
            assertThatThrownBy(client::getAssistants).isInstanceOfSatisfying(AuthenticationException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.type()).isEqualTo("invalid_request_error");
                assertThat(e.code()).isEqualTo("invalid_api_key");
            });
        }
    }

    @Test
    void aServerThatIsNotThereIsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (Assistants4j client = Assistants4j.http()
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                .apiKey("sk-x")
                .maxRetries(0)
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
            assertThatThrownBy(client::getAssistants).isInstanceOf(ApiConnectionException.class);
        }
    }

    private String root() {
        return server.baseUrl().substring(0, server.baseUrl().length() - "/v1".length());
    }
}

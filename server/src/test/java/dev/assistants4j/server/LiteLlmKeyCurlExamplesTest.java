package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curl lines of LiteLLM's key and team docs (docs.litellm.ai/docs/proxy/virtual_keys, users, and /team/new's
 * docstring), run unchanged with the real curl against a server whose master key is theirs ({@code sk-1234}): only
 * the host and port, {@code <your-master-key>} and the example keys are substituted.
 */
class LiteLlmKeyCurlExamplesTest {

    private static final String MASTER_KEY = "sk-1234";

    // virtual_keys.md, "Quick Start - Generate a Key", step 3.
    private static final String GENERATE = """
            curl 'http://0.0.0.0:4000/key/generate' \\
            --header 'Authorization: Bearer <your-master-key>' \\
            --header 'Content-Type: application/json' \\
            --data-raw '{"models": ["gpt-3.5-turbo", "gpt-4"], "metadata": {"user": "ishaan@berri.ai"}}'
            """;

    // virtual_keys.md, "/key/generate" request.
    private static final String GENERATE_FOR_TEAM = """
            curl 'http://0.0.0.0:8000/key/generate' \\
            --header 'Authorization: Bearer <your-master-key>' \\
            --header 'Content-Type: application/json' \\
            --data-raw '{
              "models": ["gpt-3.5-turbo", "gpt-4", "claude-2"],
              "duration": "20m",
              "metadata": {"user": "ishaan@berri.ai"},
              "team_id": "core-infra"
            }'
            """;

    // virtual_keys.md, "/key/info".
    private static final String INFO = """
            curl -X GET "http://0.0.0.0:8000/key/info?key=sk-02Wr4IAlN3NvPXvL5JVvDA" \\
            -H "Authorization: Bearer sk-1234"
            """;

    // virtual_keys.md, "/key/update".
    private static final String UPDATE = """
            curl 'http://0.0.0.0:8000/key/update' \\
            --header 'Authorization: Bearer <your-master-key>' \\
            --header 'Content-Type: application/json' \\
            --data-raw '{
              "key": "sk-kdEXbIqZRwEeEiHwdg7sFA",
              "models": ["gpt-3.5-turbo", "gpt-4", "claude-2"],
              "metadata": {"user": "ishaan@berri.ai"},
              "team_id": "core-infra"
            }'
            """;

    // virtual_keys.md, "/key/delete".
    private static final String DELETE = """
            curl 'http://0.0.0.0:8000/key/delete' \\
            --header 'Authorization: Bearer <your-master-key>' \\
            --header 'Content-Type: application/json' \\
            --data-raw '{
              "keys": ["sk-kdEXbIqZRwEeEiHwdg7sFA"]
            }'
            """;

    // users.md, "Set Rate Limits", per team.
    private static final String TEAM_WITH_LIMITS = """
            curl --location 'http://0.0.0.0:4000/team/new' \\
            --header 'Authorization: Bearer sk-1234' \\
            --header 'Content-Type: application/json' \\
            --data '{"team_id": "my-prod-team", "max_parallel_requests": 10, "tpm_limit": 20, "rpm_limit": 4}'
            """;

    // team_endpoints.py, new_team's docstring ("Example Request").
    private static final String TEAM_WITH_MEMBERS = """
            curl --location 'http://0.0.0.0:4000/team/new' \\
            --header 'Authorization: Bearer sk-1234' \\
            --header 'Content-Type: application/json' \\
            --data '{
              "team_alias": "my-new-team_2",
              "members_with_roles": [{"role": "admin", "user_id": "user-1234"},
                {"role": "user", "user_id": "user-2434"}]
            }'
            """;

    @TempDir
    static Path dir;

    static AssistantsServer server;

    @BeforeAll
    static void start() throws IOException {
        Curl.requireCurl();
        server = YamlServers.start(dir, "data", """
                model_list:
                  - model_name: gpt-4
                    litellm_params: {model: mock/gpt-4, mock_response: "hi"}
                general_settings:
                  master_key: %s
                """.formatted(MASTER_KEY));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_docs_curl_lines_create_teams_and_generate_read_update_and_delete_keys() throws Exception {
        // when the team lines run
        JsonNode limited = curl(TEAM_WITH_LIMITS, "");
        JsonNode members = curl(TEAM_WITH_MEMBERS, "");
        curl(TEAM_WITH_LIMITS.replace("my-prod-team", "core-infra"), "");

        // then
        assertThat(limited.path("team_id").asText()).as("%s", limited).isEqualTo("my-prod-team");
        assertThat(limited.path("max_parallel_requests").asInt()).isEqualTo(10);
        assertThat(limited.path("tpm_limit").asInt()).isEqualTo(20);
        assertThat(limited.path("rpm_limit").asInt()).isEqualTo(4);
        assertThat(members.path("team_alias").asText()).as("%s", members).isEqualTo("my-new-team_2");
        assertThat(members.path("team_id").asText()).isNotBlank();

        // when keys are generated
        JsonNode plain = curl(GENERATE, "");
        JsonNode teamKey = curl(GENERATE_FOR_TEAM, "");

        // then
        String key = plain.path("key").asText();
        assertThat(key).as("%s", plain).startsWith("sk-");
        assertThat(plain.path("models").toString()).isEqualTo("[\"gpt-3.5-turbo\",\"gpt-4\"]");
        assertThat(plain.at("/metadata/user").asText()).isEqualTo("ishaan@berri.ai");
        assertThat(plain.path("key_name").asText()).isEqualTo("sk-..." + key.substring(key.length() - 4));
        assertThat(teamKey.path("team_id").asText()).as("%s", teamKey).isEqualTo("core-infra");
        assertThat(teamKey.path("expires").asText()).isNotEmpty();

        // when the key is read, updated, read again and deleted
        JsonNode info = curl(INFO, key);
        JsonNode updated = curl(UPDATE, key);
        JsonNode after = curl(INFO, key);
        JsonNode deleted = curl(DELETE, key);

        // then
        assertThat(info.path("key").asText()).as("%s", info).isEqualTo(key);
        assertThat(info.at("/info/token").asText()).matches("[0-9a-f]{64}");
        assertThat(info.at("/info/spend").asDouble()).isZero();
        assertThat(info.at("/info/team_id").isNull()).isTrue();
        assertThat(updated.path("key").asText()).as("%s", updated).isEqualTo(key);
        assertThat(updated.path("models")).hasSize(3);
        assertThat(after.at("/info/team_id").asText()).isEqualTo("core-infra");
        assertThat(after.at("/info/models/2").asText()).isEqualTo("claude-2");
        assertThat(deleted.path("deleted_keys").get(0).asText())
                .as("%s", deleted)
                .isEqualTo(key);
        assertThat(curl(INFO, key).at("/error/message").asText()).isEqualTo("Key not found in database.");
    }

    /** Runs a doc line against the server, with {@code key} for the docs' example keys, and parses its output. */
    private static JsonNode curl(String line, String key) throws Exception {
        String host = "http://127.0.0.1:" + server.port();
        String command = line.replace("http://0.0.0.0:4000", host)
                .replace("http://0.0.0.0:8000", host)
                .replace("<your-master-key>", MASTER_KEY)
                .replace("sk-02Wr4IAlN3NvPXvL5JVvDA", key)
                .replace("sk-kdEXbIqZRwEeEiHwdg7sFA", key);
        return HttpTestClient.parse(Curl.run(command, dir));
    }
}

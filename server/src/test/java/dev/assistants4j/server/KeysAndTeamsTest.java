package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual keys and teams over HTTP on a real server: keys work in every header LiteLLM reads, a team's keys share its
 * objects and nobody else sees them, and expiry, block, regenerate and delete take effect; the admin API is the master
 * key's alone.
 */
class KeysAndTeamsTest {

    private static final String MASTER = TestServer.MASTER_KEY;

    @TempDir
    static Path dir;

    static AssistantsServer server;
    static HttpTestClient http;

    @BeforeAll
    static void start() {
        server = TestServer.withMasterKey(dir.resolve("data"));
        http = new HttpTestClient(server, dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_generated_key_is_accepted_in_all_three_headers_and_a_wrong_one_is_refused() {
        String key = generate("{}").path("key").asText();

        assertThat(key).startsWith("sk-").hasSizeGreaterThanOrEqualTo(35);
        assertThat(http.get("/v1/assistants", "Authorization", "Bearer " + key).status())
                .isEqualTo(200);
        assertThat(http.get("/v1/assistants", "api-key", key).status()).isEqualTo(200);
        assertThat(http.get("/v1/assistants", "x-api-key", key).status()).isEqualTo(200);
        Reply wrong = http.get("/v1/assistants", "Authorization", "Bearer " + key + "x");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void a_teams_keys_share_its_objects_and_a_teamless_key_sees_none_of_them() {
        String team =
                admin("/team/new", "{'team_alias':'blue'}").path("team_id").asText();
        String first = generate("{'team_id':'" + team + "'}").path("key").asText();
        String second = generate("{'team_id':'" + team + "'}").path("key").asText();
        String loner = generate("{}").path("key").asText();
        String assistant = create(first, "/v1/assistants", "{'model':'gpt-4o','name':'shared'}");

        assertThat(http.get("/v1/assistants/" + assistant, bearer(second)).status())
                .isEqualTo(200);
        assertThat(ids(http.get("/v1/assistants?limit=100", bearer(second)))).contains(assistant);
        assertThat(http.get("/v1/assistants/" + assistant, bearer(loner)).status())
                .isEqualTo(404);
        assertThat(ids(http.get("/v1/assistants?limit=100", bearer(loner)))).doesNotContain(assistant);
        assertThat(http.get("/v1/assistants/" + assistant, bearer(MASTER)).status())
                .as("the master key acts in the default project")
                .isEqualTo(404);
        assertThat(http.get("/v1/assistants/" + assistant, "Authorization", "Bearer " + MASTER, "OpenAI-Project", team)
                        .status())
                .as("the master key with OpenAI-Project acts in the team's")
                .isEqualTo(200);
        assertThat(http.get("/v1/assistants", "Authorization", "Bearer " + MASTER, "OpenAI-Project", "nope")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void a_key_that_is_not_the_master_key_is_refused_on_every_admin_path() {
        String key = generate("{}").path("key").asText();
        List<String[]> calls = List.of(
                new String[] {"POST", "/key/generate"},
                new String[] {"GET", "/key/info?key=" + MASTER},
                new String[] {"POST", "/key/update"},
                new String[] {"POST", "/key/delete"},
                new String[] {"GET", "/key/list"},
                new String[] {"POST", "/key/regenerate"},
                new String[] {"POST", "/key/block"},
                new String[] {"POST", "/key/unblock"},
                new String[] {"POST", "/team/new"},
                new String[] {"GET", "/team/info?team_id=x"},
                new String[] {"GET", "/team/list"},
                new String[] {"POST", "/team/update"},
                new String[] {"POST", "/team/delete"},
                new String[] {"POST", "/v1/key/generate"});

        for (String[] call : calls) {
            Reply reply = http.send(
                    call[0],
                    call[1],
                    java.net.http.HttpRequest.BodyPublishers.ofString("{}"),
                    "Authorization",
                    "Bearer " + key);
            assertThat(reply.status()).as("%s %s", call[0], call[1]).isEqualTo(401);
            assertThat(reply.json().at("/error/message").asText())
                    .as("%s %s", call[0], call[1])
                    .startsWith("Authentication Error, Only proxy admin can be used");
        }
        assertThat(http.get("/key/info", bearer(key))
                        .json()
                        .at("/info/key_name")
                        .asText())
                .as("a key may read its own info")
                .isEqualTo("sk-..." + key.substring(key.length() - 4));
    }

    @Test
    void a_key_with_a_short_duration_is_refused_once_it_expires() {
        JsonNode generated = generate("{'duration':'1s'}");
        String key = generated.path("key").asText();
        assertThat(generated.path("expires").asText()).isNotEmpty();

        Reply refused = Poll.until(
                Duration.ofSeconds(5), () -> http.get("/v1/assistants", bearer(key)), r -> r.status() != 200);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().at("/error/message").asText()).startsWith("Authentication Error - Expired Key.");
    }

    @Test
    void a_blocked_key_is_refused_until_unblocked() {
        String key = generate("{}").path("key").asText();

        JsonNode blocked = admin("/key/block", "{'key':'" + key + "'}");
        Reply refused = http.get("/v1/assistants", bearer(key));
        admin("/key/unblock", "{'key':'" + key + "'}");

        assertThat(blocked.path("blocked").asBoolean()).isTrue();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().at("/error/message").asText())
                .isEqualTo("Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.");
        assertThat(http.get("/v1/assistants", bearer(key)).status()).isEqualTo(200);
    }

    @Test
    void a_regenerated_key_replaces_the_old_one_and_keeps_its_objects() {
        JsonNode generated = generate("{'key_alias':'rotating-" + System.nanoTime() + "'}");
        String old = generated.path("key").asText();
        String assistant = create(old, "/v1/assistants", "{'model':'gpt-4o'}");

        JsonNode renewed = admin("/key/regenerate", "{'key':'" + old + "'}");
        String fresh = renewed.path("key").asText();
        JsonNode again = admin("/key/" + fresh + "/regenerate", "{}");

        assertThat(fresh).isNotEqualTo(old).startsWith("sk-");
        assertThat(renewed.path("key_id").asText())
                .isEqualTo(generated.path("key_id").asText());
        assertThat(renewed.path("key_alias").asText())
                .isEqualTo(generated.path("key_alias").asText());
        assertThat(http.get("/v1/assistants", bearer(old)).status()).isEqualTo(401);
        assertThat(http.get("/v1/assistants", bearer(fresh)).status()).isEqualTo(401);
        String newest = again.path("key").asText();
        assertThat(http.get("/v1/assistants/" + assistant, bearer(newest)).status())
                .isEqualTo(200);
    }

    @Test
    void keys_are_listed_in_pages_and_deleted_by_alias() {
        String team = admin("/team/new", "{}").path("team_id").asText();
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String alias = "page-" + i + "-" + System.nanoTime();
            aliases.add(alias);
            generate("{'team_id':'" + team + "','key_alias':'" + alias + "'}");
        }

        JsonNode page = http.get("/key/list?team_id=" + team + "&page=2&size=2", bearer(MASTER))
                .json();
        JsonNode full = http.get("/key/list?team_id=" + team + "&return_full_object=true", bearer(MASTER))
                .json();
        JsonNode info = http.get("/team/info?team_id=" + team, bearer(MASTER)).json();
        JsonNode deleted = admin("/key/delete", "{'key_aliases':['" + aliases.get(0) + "']}");

        assertThat(page.path("total_count").asInt()).isEqualTo(3);
        assertThat(page.path("current_page").asInt()).isEqualTo(2);
        assertThat(page.path("total_pages").asInt()).isEqualTo(2);
        assertThat(page.path("keys")).hasSize(1);
        assertThat(page.path("keys").get(0).asText()).matches("[0-9a-f]{64}");
        assertThat(full.path("keys").get(0).path("key_alias").asText()).isEqualTo(aliases.get(0));
        assertThat(info.at("/team_info/team_id").asText()).isEqualTo(team);
        assertThat(info.path("keys")).hasSize(3);
        assertThat(deleted.path("deleted_keys").get(0).asText()).isEqualTo(aliases.get(0));
        assertThat(http.get("/key/list?team_id=" + team, bearer(MASTER))
                        .json()
                        .path("total_count")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void a_team_adopts_the_default_project_and_its_deletion_takes_its_keys_and_if_asked_its_objects() {
        String mine = create(MASTER, "/v1/assistants", "{'model':'gpt-4o','name':'from before keys'}");
        String team =
                admin("/team/new", "{'team_alias':'adopter'}").path("team_id").asText();
        String key = generate("{'team_id':'" + team + "'}").path("key").asText();

        JsonNode adopted = admin("/team/adopt_default_project", "{'team_id':'" + team + "'}");
        Reply seen = http.get("/v1/assistants/" + mine, bearer(key));
        JsonNode deleted = admin("/team/delete", "{'team_ids':['" + team + "'],'delete_objects':true}");

        assertThat(adopted.path("moved_objects").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(deleted.path("deleted_teams").get(0).asText()).isEqualTo(team);
        assertThat(http.get("/v1/assistants", bearer(key)).status()).isEqualTo(401);
        assertThat(http.get("/v1/assistants/" + mine, bearer(MASTER)).status()).isEqualTo(404);
        String recreated =
                admin("/team/new", "{'team_id':'" + team + "'}").path("team_id").asText();
        String newKey = generate("{'team_id':'" + recreated + "'}").path("key").asText();
        assertThat(http.get("/v1/assistants/" + mine, bearer(newKey)).status())
                .as("deleted with the team")
                .isEqualTo(404);
    }

    private static JsonNode generate(String body) {
        return admin("/key/generate", body);
    }

    private static JsonNode admin(String path, String body) {
        Reply reply = http.post(path, json(body), bearer(MASTER));
        assertThat(reply.status()).as("%s %s", path, reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String create(String key, String path, String body) {
        Reply reply = http.post(path, json(body), bearer(key));
        assertThat(reply.status()).as("%s %s", path, reply.body()).isEqualTo(200);
        return reply.json().path("id").asText();
    }

    private static List<String> ids(Reply list) {
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static String[] bearer(String key) {
        return new String[] {"Authorization", "Bearer " + key};
    }
}

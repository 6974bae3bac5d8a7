package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.testkit.Poll;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys and teams made through the admin API, end to end through the model gate: what {@code /key/generate}, {@code
 * /team/new} and {@code /key/update} set is what chat completions are held to, and what the calls cost is what {@code
 * /key/info} and {@code /team/info} show. (SpendLimitsTest covers each limit in depth with static callers.)
 */
class StoredKeyLimitsTest {

    private static final String MASTER_KEY = "sk-stored-limits-master-key-01";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerExtension server = ServerExtension.withFakeUpstream().setup(setup -> setup.withMasterKey(MASTER_KEY));

    @Test
    void a_generated_keys_model_list_is_enforced_and_an_update_takes_effect() {
        // given
        String key = admin("/key/generate", "{\"models\":[\"gpt-4o-mini\"]}")
                .path("key")
                .asText();

        // when
        Reply refused = server.http().chat(key, "gpt-4o");
        Reply allowed = server.http().chat(key, "gpt-4o-mini");
        admin("/key/update", "{\"key\":\"" + key + "\",\"models\":[\"gpt-4o-mini\",\"gpt-4o\"]}");

        // then
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.json().path("error").path("type").asText()).isEqualTo("key_model_access_denied");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        Reply afterUpdate = Poll.until(WAIT, () -> server.http().chat(key, "gpt-4o"), reply -> reply.status() == 200);
        assertThat(afterUpdate.status())
                .as("the updated model list is in force: " + afterUpdate.body())
                .isEqualTo(200);
    }

    @Test
    void key_and_team_info_show_what_the_calls_cost_in_the_current_budget_period() {
        // given a team and a key of it with a monthly budget
        admin("/team/new", "{\"team_id\":\"spenders\",\"max_budget\":100,\"budget_duration\":\"30d\"}");
        String key = admin("/key/generate", "{\"team_id\":\"spenders\",\"max_budget\":50,\"budget_duration\":\"30d\"}")
                .path("key")
                .asText();
        server.upstream().defaultReply(ServerReplies.costing(100_000)); // gpt-4o: $0.25 a call

        // when
        assertThat(server.http().chat(key, "gpt-4o").status()).isEqualTo(200);
        assertThat(server.http().chat(key, "gpt-4o").status()).isEqualTo(200);
        server.server().spend().flush();

        // then
        JsonNode keyInfo = get("/key/info?key=" + key).path("info");
        JsonNode teamInfo = get("/team/info?team_id=spenders").path("team_info");
        assertThat(keyInfo.path("spend").asDouble()).isGreaterThanOrEqualTo(0.5).isLessThan(0.51);
        assertThat(teamInfo.path("spend").asDouble())
                .isEqualTo(keyInfo.path("spend").asDouble());
        assertThat(Instant.parse(keyInfo.path("budget_reset_at").asText())).isAfter(Instant.now());
        assertThat(Instant.parse(teamInfo.path("budget_reset_at").asText())).isAfter(Instant.now());
    }

    @Test
    void a_teams_rpm_limit_holds_for_all_its_keys_together() {
        // given two keys of a team allowed one request a minute
        admin("/team/new", "{\"team_id\":\"slow-team\",\"rpm_limit\":1}");
        String first = admin("/key/generate", "{\"team_id\":\"slow-team\"}")
                .path("key")
                .asText();
        String second = admin("/key/generate", "{\"team_id\":\"slow-team\"}")
                .path("key")
                .asText();

        // when
        Reply admitted = server.http().chat(first, "gpt-4o");
        Reply refused = server.http().chat(second, "gpt-4o");

        // then
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(200);
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("retry-after")).isNotBlank();
        assertThat(refused.header("x-ratelimit-limit-requests")).isEqualTo("1");
    }

    private JsonNode admin(String path, String body) {
        Reply reply = server.http().post(path, body, "Authorization", "Bearer " + MASTER_KEY);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode get(String path) {
        Reply reply = server.http().get(path, "Authorization", "Bearer " + MASTER_KEY);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }
}

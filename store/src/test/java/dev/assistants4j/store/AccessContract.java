package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.Ids;
import dev.assistants4j.core.access.ApiKeys;
import dev.assistants4j.core.access.Team;
import dev.assistants4j.core.access.VirtualKey;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.error.ConflictException;
import dev.assistants4j.core.store.KeyStore;
import dev.assistants4j.core.store.KeyStore.KeyPage;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.core.store.TeamStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Stores} implementation must do for virtual keys, teams and whole-project moves: round trips by
 * id, hash and alias, unique aliases, counted pages, a team's keys gone with it, and a change counter every write
 * advances. Part of {@link StoreContract}; each test uses fresh random teams and projects.
 */
abstract class AccessContract {

    private static final long AT = 1_700_000_000_000L;

    protected abstract Stores stores();

    private KeyStore keys() {
        return stores().keys();
    }

    private TeamStore teams() {
        return stores().teams();
    }

    @Test
    void a_key_round_trips_by_id_hash_and_alias() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("user", "ishaan@berri.ai");
        metadata.put("nested", Map.of("n", 1));
        metadata.put("none", null);
        String secret = ApiKeys.generate();
        VirtualKey key = new VirtualKey(
                UUID.randomUUID().toString(),
                ApiKeys.hash(secret),
                ApiKeys.keyName(secret),
                "alias-" + UUID.randomUUID(),
                null,
                List.of("gpt-4o", "gpt-4o-mini"),
                10.5,
                "30d",
                AT + 1,
                AT + 2,
                60,
                1000,
                3,
                metadata,
                false,
                AT,
                AT);

        keys().insert(key);

        assertThat(keys().find(key.id())).contains(key);
        assertThat(keys().findByToken(key.token())).contains(key);
        assertThat(keys().findByAlias(key.keyAlias())).contains(key);
        assertThat(keys().findByToken(ApiKeys.hash(ApiKeys.generate()))).isEmpty();
        assertThat(key.projectId()).isEqualTo("key-" + key.id());
    }

    @Test
    void an_update_replaces_the_key_and_its_token_and_a_delete_removes_it() {
        VirtualKey key = key(null, null);
        keys().insert(key);
        String newToken = ApiKeys.hash(ApiKeys.generate());
        VirtualKey regenerated = withToken(key, newToken);

        assertThat(keys().update(regenerated)).isTrue();

        assertThat(keys().findByToken(key.token())).isEmpty();
        assertThat(keys().findByToken(newToken)).contains(regenerated);
        assertThat(keys().delete(key.id())).isTrue();
        assertThat(keys().find(key.id())).isEmpty();
        assertThat(keys().delete(key.id())).isFalse();
        assertThat(keys().update(regenerated)).isFalse();
    }

    @Test
    void an_alias_belongs_to_one_key() {
        String alias = "alias-" + UUID.randomUUID();
        keys().insert(key(null, alias));
        VirtualKey other = key(null, null);
        keys().insert(other);

        assertThatThrownBy(() -> keys().insert(key(null, alias))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> keys().update(withAlias(other, alias))).isInstanceOf(ConflictException.class);
        assertThat(keys().find(other.id()).orElseThrow().keyAlias()).isNull();
    }

    @Test
    void keys_are_listed_in_counted_pages_by_team_and_alias() {
        Team team = team();
        teams().insert(team);
        List<VirtualKey> teamKeys = List.of(
                key(team.teamId(), null), key(team.teamId(), null), key(team.teamId(), "a-" + UUID.randomUUID()));
        teamKeys.forEach(keys()::insert);
        keys().insert(key(null, null));

        KeyPage first = keys().list(Optional.of(team.teamId()), Optional.empty(), 1, 2);
        KeyPage second = keys().list(Optional.of(team.teamId()), Optional.empty(), 2, 2);
        KeyPage byAlias =
                keys().list(Optional.empty(), Optional.of(teamKeys.get(2).keyAlias()), 1, 10);

        assertThat(first.keys()).containsExactly(teamKeys.get(0), teamKeys.get(1));
        assertThat(first.totalCount()).isEqualTo(3);
        assertThat(second.keys()).containsExactly(teamKeys.get(2));
        assertThat(byAlias.keys()).containsExactly(teamKeys.get(2));
        assertThat(byAlias.totalCount()).isEqualTo(1);
        assertThat(keys().ofTeam(team.teamId())).containsExactlyElementsOf(teamKeys);
        assertThat(keys().list(Optional.empty(), Optional.empty(), 1, 100).totalCount())
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_team_round_trips_and_deleting_it_deletes_its_keys() {
        Team team = team();
        teams().insert(team);
        VirtualKey member = key(team.teamId(), null);
        VirtualKey outsider = key(null, null);
        keys().insert(member);
        keys().insert(outsider);
        Team updated = new Team(
                team.teamId(),
                "renamed",
                List.of("gpt-4o"),
                5.0,
                "1mo",
                AT,
                4,
                20,
                10,
                Map.of("k", "v"),
                true,
                team.createdAt(),
                AT + 5);

        assertThat(teams().find(team.teamId())).contains(team);
        assertThatThrownBy(() -> teams().insert(team)).isInstanceOf(ConflictException.class);
        assertThat(teams().update(updated)).isTrue();
        assertThat(teams().find(team.teamId())).contains(updated);
        assertThat(teams().list()).contains(updated);
        assertThat(member.projectId()).isEqualTo(team.teamId());

        assertThat(teams().delete(team.teamId())).isTrue();

        assertThat(teams().find(team.teamId())).isEmpty();
        assertThat(keys().find(member.id())).isEmpty();
        assertThat(keys().find(outsider.id())).contains(outsider);
        assertThat(teams().delete(team.teamId())).isFalse();
    }

    @Test
    void every_write_to_keys_or_teams_advances_the_change_counter() {
        long start = keys().changes();
        Team team = team();
        teams().insert(team);
        long afterTeam = keys().changes();
        VirtualKey key = key(team.teamId(), null);
        keys().insert(key);
        long afterInsert = keys().changes();
        keys().update(withAlias(key, "alias-" + UUID.randomUUID()));
        long afterUpdate = keys().changes();
        keys().delete(key.id());
        long afterDelete = keys().changes();

        assertThat(afterTeam).isGreaterThan(start);
        assertThat(afterInsert).isGreaterThan(afterTeam);
        assertThat(afterUpdate).isGreaterThan(afterInsert);
        assertThat(afterDelete).isGreaterThan(afterUpdate);
        assertThat(keys().changes()).as("reading changes nothing").isEqualTo(afterDelete);
    }

    @Test
    void a_project_moves_to_another_and_is_deleted_as_a_whole() {
        String from = "proj_" + UUID.randomUUID();
        String to = "team-" + UUID.randomUUID();
        Assistant moved = assistant();
        Assistant stays = assistant();
        stores().assistants().insert(from, moved);
        stores().assistants().insert("proj_" + UUID.randomUUID(), stays);

        assertThat(stores().projects().move(from, to)).isEqualTo(1);

        assertThat(stores().assistants().find(from, moved.id())).isEmpty();
        assertThat(stores().assistants().find(to, moved.id())).contains(moved);
        assertThat(stores().assistants().list(to, PageRequest.firstPage()).data())
                .containsExactly(moved);
        assertThat(stores().projects().deleteAll(to)).isEqualTo(1);
        assertThat(stores().assistants().find(to, moved.id())).isEmpty();
    }

    private static Assistant assistant() {
        return new Assistant(
                Ids.next(Ids.ASSISTANT), 1, null, null, "gpt-4o", null, null, null, null, null, null, null, null);
    }

    private static Team team() {
        return new Team(
                "team-" + UUID.randomUUID(),
                "alias",
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                AT,
                AT);
    }

    private static VirtualKey key(String teamId, String alias) {
        String secret = ApiKeys.generate();
        return new VirtualKey(
                UUID.randomUUID().toString(),
                ApiKeys.hash(secret),
                ApiKeys.keyName(secret),
                alias,
                teamId,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                false,
                AT,
                AT);
    }

    private static VirtualKey withToken(VirtualKey key, String token) {
        return changed(key, token, "sk-...new1", key.keyAlias());
    }

    private static VirtualKey withAlias(VirtualKey key, String alias) {
        return changed(key, key.token(), key.keyName(), alias);
    }

    /** {@code key} with its token, key name and alias as given, updated at {@code AT + 9}. */
    private static VirtualKey changed(VirtualKey key, String token, String keyName, String alias) {
        return new VirtualKey(
                key.id(),
                token,
                keyName,
                alias,
                key.teamId(),
                key.models(),
                key.maxBudget(),
                key.budgetDuration(),
                key.budgetResetAt(),
                key.expires(),
                key.rpmLimit(),
                key.tpmLimit(),
                key.maxParallelRequests(),
                key.metadata(),
                key.blocked(),
                key.createdAt(),
                AT + 9);
    }
}

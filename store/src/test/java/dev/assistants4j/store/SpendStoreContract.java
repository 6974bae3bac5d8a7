package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assistants4j.core.access.SpendRecord;
import dev.assistants4j.core.access.SpendSubject;
import dev.assistants4j.core.store.SpendStore;
import dev.assistants4j.core.store.SpendStore.Increment;
import dev.assistants4j.core.store.SpendStore.LogQuery;
import dev.assistants4j.core.store.SpendStore.Period;
import dev.assistants4j.core.store.SpendStore.RateCount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the spend log, its totals, the shared rate-limit counts and the run keys promise, on every database (SQLite and
 * PostgreSQL each run it).
 */
abstract class SpendStoreContract {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @RegisterExtension
    final OpenedStores opened;

    /** The contract on the stores {@code opened} opens for each test. */
    SpendStoreContract(OpenedStores opened) {
        this.opened = opened;
    }

    private SpendStore spend() {
        return opened.stores().spend();
    }

    private static SpendRecord row(String request, String key, Optional<String> team, long prompt, Instant start) {
        return new SpendRecord(
                request,
                "acompletion",
                key,
                team,
                team.orElse("key-" + key),
                "gpt-4o",
                prompt,
                prompt * 2,
                prompt * 0.001,
                start,
                start.plusMillis(250),
                Optional.of("run_" + request),
                Optional.of("palantir"));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static LogQuery query(Optional<String> key, Optional<String> team, Optional<String> request) {
        return new LogQuery(key, team, request, Optional.empty(), Optional.empty(), 100);
    }

    @Test
    void rows_are_appended_as_given_and_found_by_key_team_request_and_time() {
        String key = id();
        String team = id();
        SpendRecord first = row(id(), key, Optional.of(team), 10, T0);
        SpendRecord second = row(id(), key, Optional.of(team), 20, T0.plusSeconds(60));
        SpendRecord other = row(id(), id(), Optional.empty(), 30, T0.plusSeconds(120));

        spend().append(List.of(first, second), List.of());
        spend().append(List.of(other), List.of());

        assertThat(spend().logs(query(Optional.of(key), Optional.empty(), Optional.empty())))
                .containsExactly(first, second);
        assertThat(spend().logs(query(Optional.empty(), Optional.of(team), Optional.empty())))
                .containsExactly(first, second);
        assertThat(spend().logs(query(Optional.empty(), Optional.empty(), Optional.of(other.requestId()))))
                .containsExactly(other);
        assertThat(spend().logs(new LogQuery(
                        Optional.of(key),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(T0.plusSeconds(30)),
                        Optional.of(T0.plusSeconds(90)),
                        100)))
                .containsExactly(second);
        assertThat(spend().logs(query(Optional.of(key), Optional.empty(), Optional.empty()))
                        .getFirst()
                        .totalTokens())
                .isEqualTo(30);
    }

    @Test
    void totals_add_up_per_subject_and_period_across_batches() {
        SpendSubject key = SpendSubject.key(id());
        SpendSubject team = SpendSubject.team(id());
        Period keyNow = new Period(key, 60, 600);
        Period keyBefore = new Period(key, 60, 540);
        Period teamAllTime = new Period(team, 0, 0);

        spend().append(List.of(), List.of(new Increment(keyNow, 0.25), new Increment(teamAllTime, 0.25)));
        spend().append(
                        List.of(),
                        List.of(
                                new Increment(teamAllTime, 0.5),
                                new Increment(keyNow, 0.5),
                                new Increment(keyBefore, 2.0)));

        Map<Period, Double> totals = spend().totals(List.of(keyNow, keyBefore, teamAllTime, new Period(key, 60, 660)));
        assertThat(totals)
                .containsOnlyKeys(keyNow, keyBefore, teamAllTime)
                .containsEntry(keyNow, 0.75)
                .containsEntry(keyBefore, 2.0)
                .containsEntry(teamAllTime, 0.75);
        assertThat(spend().totals(List.of(new Period(SpendSubject.team(key.id()), 60, 600))))
                .as("a team with a key's id is another subject")
                .isEmpty();
    }

    @Test
    void each_node_sees_the_others_counts_of_the_window_and_not_its_own() {
        SpendSubject key = SpendSubject.key(id());
        long window = 60_000L * 29_000_000;

        spend().syncRates("node-a", window, List.of(new RateCount(key, 5, 500, 2)), T0, T0.minusSeconds(2));
        Map<SpendSubject, RateCount> seenByA =
                spend().syncRates("node-a", window, List.of(new RateCount(key, 6, 600, 1)), T0, T0.minusSeconds(2));
        spend().syncRates("node-b", window, List.of(new RateCount(key, 3, 300, 1)), T0, T0.minusSeconds(2));
        Map<SpendSubject, RateCount> seenByC =
                spend().syncRates("node-c", window, List.of(), T0.plusSeconds(1), T0.minusSeconds(1));

        assertThat(seenByA).doesNotContainKey(key);
        assertThat(seenByC.get(key)).isEqualTo(new RateCount(key, 9, 900, 2));
        Map<SpendSubject, RateCount> later =
                spend().syncRates("node-c", window, List.of(), T0.plusSeconds(5), T0.plusSeconds(3));
        assertThat(later.get(key))
                .as("nodes silent since before liveSince have nothing in flight")
                .isEqualTo(new RateCount(key, 9, 900, 0));
        assertThat(spend().syncRates("node-c", window + 60_000, List.of(), T0, T0))
                .as("another window")
                .doesNotContainKey(key);
    }

    @Test
    void a_node_drops_its_rows_of_past_windows_when_it_syncs() {
        SpendSubject key = SpendSubject.key(id());
        long window = 60_000L * 29_000_100;
        spend().syncRates("node-a", window, List.of(new RateCount(key, 5, 0, 0)), T0, T0);

        spend().syncRates("node-a", window + 60_000, List.of(), T0, T0);

        assertThat(spend().syncRates("node-b", window, List.of(), T0, T0)).doesNotContainKey(key);
    }

    @Test
    void a_run_remembers_its_key() {
        String run = "run_" + id();

        spend().rememberRunKey(run, "key-1");

        assertThat(spend().runKey(run)).contains("key-1");
        assertThat(spend().runKey("run_" + id())).isEmpty();
    }
}

package dev.assistants4j.core.store;

import dev.assistants4j.core.access.Team;
import java.util.List;
import java.util.Optional;

/**
 * Durable teams. Every write also advances {@link KeyStore#changes()}. Every method returns after the write is
 * durable. Thread-safe.
 */
public interface TeamStore {

    /**
     * @throws dev.assistants4j.core.error.ConflictException when the team id is taken
     */
    void insert(Team team);

    Optional<Team> find(String teamId);

    /** Replaces the stored team; false when there is none. */
    boolean update(Team team);

    /** Deletes the team and, in the same transaction, its keys; false when there was no such team. */
    boolean delete(String teamId);

    /** Every team, oldest first. */
    List<Team> list();
}

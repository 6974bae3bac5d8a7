package dev.assistants4j.store;

import dev.assistants4j.core.access.Team;
import dev.assistants4j.core.error.ConflictException;
import dev.assistants4j.core.store.TeamStore;
import java.util.List;
import java.util.Optional;

/** Teams in the {@code teams} table, as JSON; deleting one deletes its keys in the same transaction. Thread-safe. */
final class JdbcTeamStore implements TeamStore {

    private final Database db;

    JdbcTeamStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Team team) {
        db.writeVoid(h -> {
            boolean taken = h.createQuery("SELECT count(*) FROM teams WHERE id = :id")
                            .bind("id", team.teamId())
                            .mapTo(Integer.class)
                            .one()
                    > 0;
            if (taken) {
                throw new ConflictException(
                        "Team id = " + team.teamId() + " already exists. Please use a different" + " team id.");
            }
            h.createUpdate("INSERT INTO teams (id, created_at, body) VALUES (:id, :created, :body)")
                    .bind("id", team.teamId())
                    .bind("created", team.createdAt())
                    .bind("body", AccessRows.write(team))
                    .execute();
            AccessRows.changed(h);
        });
    }

    @Override
    public Optional<Team> find(String teamId) {
        return db.read(h -> h.createQuery("SELECT body FROM teams WHERE id = :id")
                .bind("id", teamId)
                .mapTo(String.class)
                .findOne()
                .map(JdbcTeamStore::read));
    }

    @Override
    public boolean update(Team team) {
        return db.write(h -> {
            boolean updated = h.createUpdate("UPDATE teams SET body = :body WHERE id = :id")
                            .bind("id", team.teamId())
                            .bind("body", AccessRows.write(team))
                            .execute()
                    > 0;
            AccessRows.changed(h);
            return updated;
        });
    }

    @Override
    public boolean delete(String teamId) {
        return db.write(h -> {
            h.createUpdate("DELETE FROM virtual_keys WHERE team_id = :id")
                    .bind("id", teamId)
                    .execute();
            boolean deleted = h.createUpdate("DELETE FROM teams WHERE id = :id")
                            .bind("id", teamId)
                            .execute()
                    > 0;
            AccessRows.changed(h);
            return deleted;
        });
    }

    @Override
    public List<Team> list() {
        return db.read(h -> h.createQuery("SELECT body FROM teams ORDER BY seq")
                .mapTo(String.class)
                .map(JdbcTeamStore::read)
                .list());
    }

    private static Team read(String body) {
        return AccessRows.read(body, Team.class);
    }
}

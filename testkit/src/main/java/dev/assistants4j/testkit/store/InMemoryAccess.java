package dev.assistants4j.testkit.store;

import dev.assistants4j.core.access.Team;
import dev.assistants4j.core.access.VirtualKey;
import dev.assistants4j.core.error.ConflictException;
import dev.assistants4j.core.store.KeyStore;
import dev.assistants4j.core.store.ProjectStore;
import dev.assistants4j.core.store.TeamStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys, teams and project moves of {@link InMemoryStores}, with the JDBC stores' semantics (checked by the same
 * contract): insertion-ordered maps, unique aliases, a change counter. Thread-safe through the owner's lock.
 */
final class InMemoryAccess {

    private final InMemoryStores owner;
    private final Map<String, VirtualKey> keys = new LinkedHashMap<>();
    private final Map<String, Team> teams = new LinkedHashMap<>();
    private long changes;

    InMemoryAccess(InMemoryStores owner) {
        this.owner = owner;
    }

    KeyStore keys() {
        return new Keys();
    }

    TeamStore teams() {
        return new Teams();
    }

    ProjectStore projects() {
        return new Projects();
    }

    private void checkAliasFree(VirtualKey key) {
        boolean taken = key.keyAlias() != null
                && keys.values().stream()
                        .anyMatch(other -> key.keyAlias().equals(other.keyAlias())
                                && !other.id().equals(key.id()));
        if (taken) {
            throw new ConflictException("Key with alias '" + key.keyAlias() + "' already exists.");
        }
    }

    private Optional<VirtualKey> first(java.util.function.Predicate<VirtualKey> matches) {
        return owner.locked(() -> keys.values().stream().filter(matches).findFirst());
    }

    private final class Keys implements KeyStore {
        @Override
        public void insert(VirtualKey key) {
            owner.lockedVoid(() -> {
                checkAliasFree(key);
                if (keys.containsKey(key.id())) {
                    throw new IllegalStateException("UNIQUE constraint failed: virtual_keys.id");
                }
                keys.put(key.id(), key);
                changes++;
            });
        }

        @Override
        public Optional<VirtualKey> find(String keyId) {
            return first(key -> key.id().equals(keyId));
        }

        @Override
        public Optional<VirtualKey> findByToken(String token) {
            return first(key -> key.token().equals(token));
        }

        @Override
        public Optional<VirtualKey> findByAlias(String keyAlias) {
            return first(key -> keyAlias.equals(key.keyAlias()));
        }

        @Override
        public boolean update(VirtualKey key) {
            return owner.locked(() -> {
                checkAliasFree(key);
                changes++;
                return keys.replace(key.id(), key) != null;
            });
        }

        @Override
        public boolean delete(String keyId) {
            return owner.locked(() -> {
                changes++;
                return keys.remove(keyId) != null;
            });
        }

        @Override
        public List<VirtualKey> ofTeam(String teamId) {
            return owner.locked(() -> keys.values().stream()
                    .filter(key -> teamId.equals(key.teamId()))
                    .toList());
        }

        @Override
        public KeyPage list(Optional<String> teamId, Optional<String> keyAlias, int page, int size) {
            return owner.locked(() -> {
                List<VirtualKey> matching = keys.values().stream()
                        .filter(key -> teamId.isEmpty() || teamId.get().equals(key.teamId()))
                        .filter(key -> keyAlias.isEmpty() || keyAlias.get().equals(key.keyAlias()))
                        .toList();
                List<VirtualKey> pageKeys = matching.stream()
                        .skip((long) (page - 1) * size)
                        .limit(size)
                        .toList();
                return new KeyPage(pageKeys, matching.size());
            });
        }

        @Override
        public long changes() {
            return owner.locked(() -> changes);
        }
    }

    private final class Teams implements TeamStore {
        @Override
        public void insert(Team team) {
            owner.lockedVoid(() -> {
                if (teams.containsKey(team.teamId())) {
                    throw new ConflictException(
                            "Team id = " + team.teamId() + " already exists. Please use a" + " different team id.");
                }
                teams.put(team.teamId(), team);
                changes++;
            });
        }

        @Override
        public Optional<Team> find(String teamId) {
            return owner.locked(() -> Optional.ofNullable(teams.get(teamId)));
        }

        @Override
        public boolean update(Team team) {
            return owner.locked(() -> {
                changes++;
                return teams.replace(team.teamId(), team) != null;
            });
        }

        @Override
        public boolean delete(String teamId) {
            return owner.locked(() -> {
                keys.values().removeIf(key -> Objects.equals(key.teamId(), teamId));
                changes++;
                return teams.remove(teamId) != null;
            });
        }

        @Override
        public List<Team> list() {
            return owner.locked(() -> new ArrayList<>(teams.values()));
        }
    }

    private final class Projects implements ProjectStore {
        @Override
        public int move(String fromProject, String toProject) {
            return owner.locked(() -> owner.objectTables().stream()
                    .mapToInt(table -> table.move(fromProject, toProject))
                    .sum());
        }

        @Override
        public int deleteAll(String projectId) {
            return owner.locked(() -> owner.objectTables().stream()
                    .mapToInt(table -> table.deleteWhere(row -> row.projectId.equals(projectId)))
                    .sum());
        }
    }
}

package dev.assistants4j.store;

import dev.assistants4j.core.access.VirtualKey;
import dev.assistants4j.core.error.ConflictException;
import dev.assistants4j.core.store.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Virtual keys in the {@code virtual_keys} table: the key as JSON, with its token (hash), alias and team as indexed
 * columns. An alias is checked free in the writing transaction (and the unique index has the last word). Thread-safe.
 */
final class JdbcKeyStore implements KeyStore {

    private final Database db;

    JdbcKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(VirtualKey key) {
        db.writeVoid(h -> {
            checkAliasFree(h, key);
            h.createUpdate("INSERT INTO virtual_keys (id, token, key_alias, team_id, created_at, body)"
                            + " VALUES (:id, :token, :alias, :team, :created, :body)")
                    .bind("id", key.id())
                    .bind("token", key.token())
                    .bind("alias", key.keyAlias())
                    .bind("team", key.teamId())
                    .bind("created", key.createdAt())
                    .bind("body", AccessRows.write(key))
                    .execute();
            AccessRows.changed(h);
        });
    }

    @Override
    public Optional<VirtualKey> find(String keyId) {
        return findBy("id", keyId);
    }

    @Override
    public Optional<VirtualKey> findByToken(String token) {
        return findBy("token", token);
    }

    @Override
    public Optional<VirtualKey> findByAlias(String keyAlias) {
        return findBy("key_alias", keyAlias);
    }

    private Optional<VirtualKey> findBy(String column, String value) {
        return db.read(h -> h.createQuery("SELECT body FROM virtual_keys WHERE " + column + " = :value")
                .bind("value", value)
                .mapTo(String.class)
                .findOne()
                .map(JdbcKeyStore::read));
    }

    @Override
    public boolean update(VirtualKey key) {
        return db.write(h -> {
            checkAliasFree(h, key);
            boolean updated = h.createUpdate("UPDATE virtual_keys SET token = :token, key_alias = :alias,"
                                    + " team_id = :team, body = :body WHERE id = :id")
                            .bind("id", key.id())
                            .bind("token", key.token())
                            .bind("alias", key.keyAlias())
                            .bind("team", key.teamId())
                            .bind("body", AccessRows.write(key))
                            .execute()
                    > 0;
            AccessRows.changed(h);
            return updated;
        });
    }

    @Override
    public boolean delete(String keyId) {
        return db.write(h -> {
            boolean deleted = h.createUpdate("DELETE FROM virtual_keys WHERE id = :id")
                            .bind("id", keyId)
                            .execute()
                    > 0;
            AccessRows.changed(h);
            return deleted;
        });
    }

    @Override
    public List<VirtualKey> ofTeam(String teamId) {
        return db.read(h -> h.createQuery("SELECT body FROM virtual_keys WHERE team_id = :team ORDER BY seq")
                .bind("team", teamId)
                .mapTo(String.class)
                .map(JdbcKeyStore::read)
                .list());
    }

    @Override
    public KeyPage list(Optional<String> teamId, Optional<String> keyAlias, int page, int size) {
        Map<String, Object> filter = new LinkedHashMap<>();
        teamId.ifPresent(team -> filter.put("team_id", team));
        keyAlias.ifPresent(alias -> filter.put("key_alias", alias));
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        filter.keySet()
                .forEach(column ->
                        where.append(" AND ").append(column).append(" = :").append(column));
        return db.read(h -> {
            long total = h.createQuery("SELECT count(*) FROM virtual_keys" + where)
                    .bindMap(filter)
                    .mapTo(Long.class)
                    .one();
            List<VirtualKey> keys = h.createQuery(
                            "SELECT body FROM virtual_keys" + where + " ORDER BY seq LIMIT :limit OFFSET :offset")
                    .bindMap(filter)
                    .bind("limit", size)
                    .bind("offset", (long) (page - 1) * size)
                    .mapTo(String.class)
                    .map(JdbcKeyStore::read)
                    .list();
            return new KeyPage(keys, total);
        });
    }

    @Override
    public long changes() {
        return db.read(AccessRows::version);
    }

    private static void checkAliasFree(Handle h, VirtualKey key) {
        if (key.keyAlias() == null) {
            return;
        }
        boolean taken = h.createQuery("SELECT count(*) FROM virtual_keys WHERE key_alias = :alias AND id <> :id")
                        .bind("alias", key.keyAlias())
                        .bind("id", key.id())
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (taken) {
            throw new ConflictException("Key with alias '" + key.keyAlias() + "' already exists.");
        }
    }

    static VirtualKey read(String body) {
        return AccessRows.read(body, VirtualKey.class);
    }
}

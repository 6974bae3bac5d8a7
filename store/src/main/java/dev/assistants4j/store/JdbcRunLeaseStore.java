package dev.assistants4j.store;

import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.RunStatus;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.ServerException;
import dev.assistants4j.core.store.Fence;
import dev.assistants4j.core.store.FencedOffException;
import dev.assistants4j.core.store.RunLeaseStore;
import dev.assistants4j.core.store.RunStore.ProjectRun;
import dev.assistants4j.core.store.VectorStoreFileStore.PendingFile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Run leases in the {@code run_leases} table. Taking a lease is one upsert that only wins over an expired lease or
 * the owner's own, so two nodes racing for one run cannot both win; it draws a new random token when the lease passes
 * to another owner, which fenced writes compare with theirs ({@link #check}). Thread-safe.
 */
final class JdbcRunLeaseStore implements RunLeaseStore {

    /** The statuses of a run some node is executing (or must): the ones a dead node's run can be left in. */
    private static final List<String> EXECUTING =
            List.of(RunStatus.QUEUED.wireName(), RunStatus.IN_PROGRESS.wireName(), RunStatus.CANCELLING.wireName());

    private final Database db;

    JdbcRunLeaseStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Fence> acquire(String runId, String owner, Instant now, Instant until) {
        return db.write(h -> {
            int taken = h.createUpdate("INSERT INTO run_leases (run_id, owner, expires_at, token)"
                            + " VALUES (:run, :owner, :until, :token)"
                            + " ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner,"
                            + " expires_at = excluded.expires_at,"
                            + " token = CASE WHEN run_leases.owner = excluded.owner THEN run_leases.token"
                            + " ELSE excluded.token END"
                            + " WHERE run_leases.owner = excluded.owner OR run_leases.expires_at <= :now")
                    .bind("run", runId)
                    .bind("owner", owner)
                    .bind("until", until.toEpochMilli())
                    .bind("now", now.toEpochMilli())
                    .bind("token", UUID.randomUUID().toString())
                    .execute();
            if (taken == 0) {
                return Optional.empty();
            }
            return Optional.of(new Fence(
                    runId,
                    h.createQuery("SELECT token FROM run_leases WHERE run_id = :run")
                            .bind("run", runId)
                            .mapTo(String.class)
                            .one()));
        });
    }

    /**
     * Refuses the write of the transaction of {@code handle} unless {@code fence}'s lease still has its token. On
     * PostgreSQL the lease's row stays share-locked until the transaction ends: a takeover (an upsert), a release or a
     * renewal of it waits for the write's commit, so no fenced write commits after another owner took the lease (and
     * a renewal waits at most for the few milliseconds of the writes in flight). SQLite's single writer needs no lock.
     *
     * @throws FencedOffException when the lease passed to another holder or is gone
     */
    static void check(Handle handle, Fence fence) {
        Optional<String> token = handle.createQuery("SELECT token FROM run_leases WHERE run_id = :key <for_share>")
                .bind("key", fence.key())
                .mapTo(String.class)
                .findOne();
        if (!token.equals(Optional.of(fence.token()))) {
            throw new FencedOffException(fence);
        }
    }

    @Override
    public List<String> renew(String owner, Instant until) {
        return db.write(h -> {
            h.createUpdate("UPDATE run_leases SET expires_at = :until WHERE owner = :owner")
                    .bind("until", until.toEpochMilli())
                    .bind("owner", owner)
                    .execute();
            return h.createQuery("SELECT run_id FROM run_leases WHERE owner = :owner ORDER BY run_id")
                    .bind("owner", owner)
                    .mapTo(String.class)
                    .list();
        });
    }

    @Override
    public void release(String runId, String owner) {
        db.writeVoid(h -> h.createUpdate("DELETE FROM run_leases WHERE run_id = :run AND owner = :owner")
                .bind("run", runId)
                .bind("owner", owner)
                .execute());
    }

    @Override
    public boolean heldByAnother(String runId, String owner, Instant now) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM run_leases WHERE run_id = :run AND owner <> :owner"
                                + " AND expires_at > :now")
                        .bind("run", runId)
                        .bind("owner", owner)
                        .bind("now", now.toEpochMilli())
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    @Override
    public List<ProjectRun> orphaned(Instant now, int limit) {
        return unleased(
                "runs",
                "t.id",
                "t.status IN (<executing>)",
                query -> query.bindList("executing", EXECUTING),
                now,
                limit,
                (projectId, body) -> new ProjectRun(projectId, read(body)));
    }

    @Override
    public List<PendingFile> orphanedFiles(Instant now, int limit) {
        return unleased(
                "vector_store_files",
                ":prefix || t.vector_store_id || '/' || t.id",
                "t.status = :status",
                query -> query.bind("prefix", FILE_KEY_PREFIX)
                        .bind("status", VectorStoreFileStatus.IN_PROGRESS.wireName()),
                now,
                limit,
                (projectId, body) -> new PendingFile(projectId, JdbcVectorStoreFileStore.read(body)));
    }

    /**
     * The first {@code limit} rows of {@code table} (as {@code t}) in {@code seq} order that match {@code where} (its
     * parameters bound by {@code bind}) and whose lease, keyed {@code leaseKey}, is missing or expired at {@code now};
     * each made by {@code row} of its project id and body.
     */
    private <T> List<T> unleased(
            String table,
            String leaseKey,
            String where,
            UnaryOperator<Query> bind,
            Instant now,
            int limit,
            BiFunction<String, String, T> row) {
        return db.read(h -> bind.apply(h.createQuery("SELECT t.project_id, t.body FROM " + table + " t"
                        + " LEFT JOIN run_leases l ON l.run_id = " + leaseKey
                        + " WHERE " + where + " AND (l.run_id IS NULL OR l.expires_at <= :now)"
                        + " ORDER BY t.seq LIMIT :limit"))
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> row.apply(rs.getString("project_id"), rs.getString("body")))
                .list());
    }

    private static Run read(String body) {
        try {
            return Json.MAPPER.readValue(body, Run.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ServerException("A stored run could not be read.", e);
        }
    }
}

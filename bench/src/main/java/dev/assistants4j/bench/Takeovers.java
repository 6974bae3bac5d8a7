package dev.assistants4j.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures takeovers in the chaos bench, straight from the shared database's {@code run_leases} table. Right after a
 * node is killed (its process gone, so it writes nothing more) it lists the runs whose lease that node held while
 * they were executing ({@code queued}, {@code in_progress}, {@code cancelling}): the runs in flight there. Then, every
 * {@link #POLL_MILLIS} ms, it looks at each such run's lease: once another node holds it, or no node does (another
 * node took it and already let it go), the run was taken over, and the time from the kill is a sample. So the measure
 * is <em>kill → another node holds the run's lease</em> (within one poll), the moment the run starts executing again.
 * Thread-safe: the killer adds, its own thread polls.
 */
final class Takeovers implements AutoCloseable {

    static final long POLL_MILLIS = 50;

    private record Pending(String runId, String deadOwner, long killedNanos) {}

    private final Connection db;
    private final List<Pending> pending = new ArrayList<>();
    private final Samples times = new Samples();
    private final Thread poller;
    private volatile boolean closed;
    private int inFlightAtKills;

    Takeovers(String jdbcUrl) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl);
        this.poller = Thread.ofPlatform().daemon().name("chaos-takeovers").start(this::poll);
    }

    /** Records the runs {@code owner} (a node id) held when it was killed at {@code killedNanos}; returns how many. */
    synchronized int killed(String owner, long killedNanos) throws SQLException {
        int count = 0;
        try (PreparedStatement query = db.prepareStatement("SELECT l.run_id FROM run_leases l JOIN runs r ON r.id ="
                + " l.run_id WHERE l.owner = ? AND r.status IN ('queued', 'in_progress', 'cancelling')")) {
            query.setString(1, owner);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.add(new Pending(rows.getString(1), owner, killedNanos));
                    count++;
                }
            }
        }
        inFlightAtKills += count;
        return count;
    }

    private void poll() {
        while (!closed) {
            try {
                check();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                System.err.println("chaos bench: takeover poll failed: " + e.getMessage());
            }
        }
    }

    private synchronized void check() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        try (PreparedStatement query = db.prepareStatement("SELECT owner FROM run_leases WHERE run_id = ?")) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending run = it.next();
                query.setString(1, run.runId());
                Optional<String> owner;
                try (ResultSet rows = query.executeQuery()) {
                    owner = rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
                if (owner.isEmpty() || !owner.get().equals(run.deadOwner())) {
                    times.add(now - run.killedNanos());
                    it.remove();
                }
            }
        }
    }

    /** Kill → another node holds the lease, one sample per run in flight on a killed node. */
    Samples times() {
        return times;
    }

    /** Runs in flight on killed nodes, over all kills. */
    synchronized int inFlightAtKills() {
        return inFlightAtKills;
    }

    /** Runs of killed nodes not taken over (yet). */
    synchronized List<String> notTakenOver() {
        return pending.stream().map(Pending::runId).toList();
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        poller.interrupt();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}

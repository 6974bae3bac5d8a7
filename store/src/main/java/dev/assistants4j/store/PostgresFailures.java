package dev.assistants4j.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * PostgreSQL's failures by SQLSTATE: a connection that cannot be made or was lost (class 08), a server shutting down
 * or starting (57P01 to 57P03), resources it lacks (class 53: a full disk, too many connections), a read-only
 * server (25006, a replica after a failover) mean the database cannot be used now; serialization failures, deadlocks
 * and lock timeouts (40001, 40P01, 55P03) that it is busy. The pool's own timeout waiting for a connection counts as
 * the database being down.
 */
final class PostgresFailures implements StoreFailures {

    @Override
    public Optional<String> storeDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return Optional.of("no connection to the database is available");
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                Optional<String> down = byState(sql.getSQLState());
                if (down.isPresent()) {
                    return down;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> byState(String state) {
        if (state.startsWith("08")) {
            return Optional.of("the database cannot be reached");
        }
        if (state.equals("53100")) {
            return Optional.of("the database's disk is full");
        }
        if (state.startsWith("53")) {
            return Optional.of("the database is out of resources");
        }
        return switch (state) {
            case "57P01", "57P02", "57P03" -> Optional.of("the database is shutting down or starting");
            case "25006" -> Optional.of("the database is read-only");
            default -> Optional.empty();
        };
    }

    @Override
    public boolean busy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}

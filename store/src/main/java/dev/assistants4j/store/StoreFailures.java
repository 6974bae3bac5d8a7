package dev.assistants4j.store;

import java.util.Optional;

/**
 * Which failures of a database's statements mean that the database cannot be used at the moment (a full disk, an I/O
 * error, a connection lost), or is busy, as opposed to a failure of the statement itself (a constraint, a bug): the
 * first two are worth retrying later, and the first makes the server not ready until a write succeeds again.
 */
sealed interface StoreFailures permits SqliteFailures, PostgresFailures {

    /** Why the database cannot be used now, when {@code failure} says so; empty for any other failure. */
    Optional<String> storeDown(Throwable failure);

    /** True when the statement met other transactions' locks (or lost to them): retrying later helps. */
    boolean busy(Throwable failure);
}

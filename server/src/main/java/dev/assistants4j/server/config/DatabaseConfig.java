package dev.assistants4j.server.config;

import dev.assistants4j.store.DatabaseUrl;
import java.time.Duration;
import java.util.Optional;

/**
 * Which database holds the server's objects: the embedded SQLite file in the data directory, or the PostgreSQL
 * database at {@code url}, which several nodes can share. Read from {@code general_settings.database_url} (LiteLLM's
 * key; {@code os.environ/...} works there) or the {@code DATABASE_URL} environment variable, in that order; {@code
 * serve --database-url} overrides both.
 *
 * @param url empty for the embedded SQLite file
 * @param poolLimit the most connections one node opens ({@code general_settings.database_connection_pool_limit})
 * @param connectionTimeout how long a request waits for a connection before it is answered 503 ({@code
 *     general_settings.database_connection_timeout}, in seconds)
 * @param runLease how long a node's lease of a run it executes lasts unless renewed: a dead node's runs are taken
 *     over after it ({@code ASSISTANTS4J_RUN_LEASE_SECONDS}, default 15)
 */
public record DatabaseConfig(Optional<DatabaseUrl> url, int poolLimit, Duration connectionTimeout, Duration runLease) {

    /** The environment variable LiteLLM reads the database URL from. */
    public static final String URL_ENV = "DATABASE_URL";

    public static final int DEFAULT_POOL_LIMIT = 10;

    /** Short, so a database that went away answers 503 before clients and probes give up on the server. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public static final Duration DEFAULT_RUN_LEASE = Duration.ofSeconds(15);

    /** The environment variable that sets {@link #runLease()} in seconds. */
    public static final String RUN_LEASE_ENV = "ASSISTANTS4J_RUN_LEASE_SECONDS";

    /** The embedded SQLite database. */
    public static final DatabaseConfig EMBEDDED =
            new DatabaseConfig(Optional.empty(), DEFAULT_POOL_LIMIT, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_RUN_LEASE);

    public DatabaseConfig {
        if (poolLimit < 2) {
            throw new IllegalArgumentException("poolLimit must be at least 2");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
        }
        if (runLease.toMillis() < 300) {
            throw new IllegalArgumentException("runLease must be at least 300 ms");
        }
    }

    /** PostgreSQL at {@code url}, with the default pool. */
    public static DatabaseConfig postgres(String url) {
        return EMBEDDED.withUrl(DatabaseUrl.parse(url));
    }

    /** This configuration with the database at {@code url} instead. */
    public DatabaseConfig withUrl(DatabaseUrl newUrl) {
        return new DatabaseConfig(Optional.of(newUrl), poolLimit, connectionTimeout, runLease);
    }

    /** This configuration with another pool limit. */
    public DatabaseConfig withPoolLimit(int newPoolLimit) {
        return new DatabaseConfig(url, newPoolLimit, connectionTimeout, runLease);
    }

    /** This configuration with another connection timeout. */
    public DatabaseConfig withConnectionTimeout(Duration newTimeout) {
        return new DatabaseConfig(url, poolLimit, newTimeout, runLease);
    }

    /** This configuration with another run lease. */
    public DatabaseConfig withRunLease(Duration newLease) {
        return new DatabaseConfig(url, poolLimit, connectionTimeout, newLease);
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        return url.map(u -> "PostgreSQL " + u.display()).orElse("embedded SQLite");
    }
}

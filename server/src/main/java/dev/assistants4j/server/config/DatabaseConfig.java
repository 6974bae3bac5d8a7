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
 */
public record DatabaseConfig(Optional<DatabaseUrl> url, int poolLimit, Duration connectionTimeout) {

    /** The environment variable LiteLLM reads the database URL from. */
    public static final String URL_ENV = "DATABASE_URL";

    public static final int DEFAULT_POOL_LIMIT = 10;

    /** Short, so a database that went away answers 503 before clients and probes give up on the server. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** The embedded SQLite database. */
    public static final DatabaseConfig EMBEDDED =
            new DatabaseConfig(Optional.empty(), DEFAULT_POOL_LIMIT, DEFAULT_CONNECTION_TIMEOUT);

    public DatabaseConfig {
        if (poolLimit < 2) {
            throw new IllegalArgumentException("poolLimit must be at least 2");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
        }
    }

    /** PostgreSQL at {@code url}, with the default pool. */
    public static DatabaseConfig postgres(String url) {
        return EMBEDDED.withUrl(DatabaseUrl.parse(url));
    }

    /** This configuration with the database at {@code url} instead. */
    public DatabaseConfig withUrl(DatabaseUrl newUrl) {
        return new DatabaseConfig(Optional.of(newUrl), poolLimit, connectionTimeout);
    }

    /** This configuration with another pool limit. */
    public DatabaseConfig withPoolLimit(int newPoolLimit) {
        return new DatabaseConfig(url, newPoolLimit, connectionTimeout);
    }

    /** This configuration with another connection timeout. */
    public DatabaseConfig withConnectionTimeout(Duration newTimeout) {
        return new DatabaseConfig(url, poolLimit, newTimeout);
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        return url.map(u -> "PostgreSQL " + u.display()).orElse("embedded SQLite");
    }
}

package dev.assistants4j.bench;

import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.store.DatabaseUrl;
import dev.assistants4j.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database a benchmark runs a server on: the one {@code --database-url} names, or else a fresh schema
 * on the server the tests use (127.0.0.1:5432, user {@code postgres}; {@code A4J_TEST_POSTGRES} names another), in a
 * database made for this JVM. {@link #close()} drops the schema, the JVM's exit the database ({@link TestPostgres}).
 */
final class BenchPostgres implements AutoCloseable {

    /** The option that names a PostgreSQL database instead of a fresh schema. */
    static final String OPTION = "--database-url";

    private final TestPostgres schema;
    private final String url;

    private BenchPostgres(TestPostgres schema, String url) {
        this.schema = schema;
        this.url = url;
    }

    /** {@code url} as given, or a fresh schema when it is null. */
    static BenchPostgres open(String url) {
        if (url != null) {
            return new BenchPostgres(null, url);
        }
        TestPostgres fresh = TestPostgres.create();
        return new BenchPostgres(fresh, fresh.url());
    }

    /** The server's database settings for it: the default pool (what {@code serve --database-url} gets). */
    DatabaseConfig config() {
        return DatabaseConfig.postgres(url);
    }

    /**
     * One line on the server and what makes a commit durable there: the version, {@code fsync}, {@code
     * synchronous_commit}, {@code wal_sync_method} and {@code commit_delay}, and the pool a node opens.
     */
    String describe() {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        StringBuilder out = new StringBuilder("PostgreSQL ");
        try (Connection connection = DriverManager.getConnection(
                        parsed.jdbcUrl(),
                        parsed.user().orElse(null),
                        parsed.password().orElse(null));
                Statement statement = connection.createStatement()) {
            out.append(show(statement, "server_version"));
            out.append(", ").append(parsed.display()).append(" (");
            for (String setting : new String[] {"fsync", "synchronous_commit", "wal_sync_method", "commit_delay"}) {
                out.append(setting).append('=').append(show(statement, setting)).append(", ");
            }
        } catch (SQLException e) {
            return "PostgreSQL at " + parsed.display() + " (settings unreadable: " + e.getMessage() + ")";
        }
        return out.append("pool of ")
                .append(DatabaseConfig.DEFAULT_POOL_LIMIT)
                .append(" connections, the server's default)")
                .toString();
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() {
        if (schema != null) {
            schema.close();
        }
    }
}

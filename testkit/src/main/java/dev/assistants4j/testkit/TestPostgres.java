package dev.assistants4j.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own, for one test, on the PostgreSQL server every machine of this project runs at {@code
 * 127.0.0.1:5432} (user {@code postgres}, trust authentication; {@code A4J_TEST_POSTGRES} names another server as
 * {@code host:port}). The schemas of one JVM live in one database made for it (a schema costs milliseconds, a
 * database most of a second); {@link #close()} drops the schema, the JVM's exit the database, and the next JVM any
 * database a killed one left behind for more than a few hours.
 *
 * <p>When the server cannot be reached, the test fails under {@code CI=true} (PostgreSQL is part of CI) and is skipped
 * elsewhere, with a message naming the server. Thread-safe.
 */
public final class TestPostgres implements AutoCloseable {

    private static final String SERVER = System.getenv().getOrDefault("A4J_TEST_POSTGRES", "127.0.0.1:5432");
    private static final String USER = "postgres";
    private static final String PREFIX = "a4j_test_";
    private static final Duration STALE = Duration.ofHours(6);

    private static String database;

    private final String schema;

    private TestPostgres(String schema) {
        this.schema = schema;
    }

    /** Creates an empty schema with a fresh name. */
    public static TestPostgres create() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(database(), "CREATE SCHEMA " + schema);
        return new TestPostgres(schema);
    }

    /** The schema's name. */
    public String schema() {
        return schema;
    }

    /** The URL as a user writes it: {@code postgresql://postgres@127.0.0.1:5432/a4j_test_…?currentSchema=t_…}. */
    public String url() {
        return "postgresql://" + USER + "@" + SERVER + "/" + database() + "?currentSchema=" + schema;
    }

    /** The URL of the schema through another address, such as a {@link TcpProxy}'s {@code 127.0.0.1:port}. */
    public String urlVia(String hostAndPort) {
        return "postgresql://" + USER + "@" + hostAndPort + "/" + database() + "?currentSchema=" + schema;
    }

    /** The PostgreSQL server's host. */
    public static String serverHost() {
        return SERVER.substring(0, SERVER.lastIndexOf(':'));
    }

    /** The PostgreSQL server's port. */
    public static int serverPort() {
        return Integer.parseInt(SERVER.substring(SERVER.lastIndexOf(':') + 1));
    }

    /** The JDBC URL, with the user. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + SERVER + "/" + database() + "?user=" + USER + "&currentSchema=" + schema;
    }

    /** Opens a plain JDBC connection whose search path is the schema; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    @Override
    public void close() {
        execute(database(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static synchronized String database() {
        if (database == null) {
            dropStale();
            String name = PREFIX + Instant.now().getEpochSecond() + "_"
                    + UUID.randomUUID().toString().substring(0, 8);
            execute("postgres", "CREATE DATABASE " + name);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() -> execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
            database = name;
        }
        return database;
    }

    private static void dropStale() {
        List<String> stale = new ArrayList<>();
        long cutoff = Instant.now().minus(STALE).getEpochSecond();
        try (Connection connection = admin("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            unreachable(e);
        }
        stale.forEach(name -> execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void execute(String databaseName, String sql) {
        try (Connection connection = admin(databaseName);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            unreachable(e);
        }
    }

    private static Connection admin(String databaseName) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + databaseName + "?user=" + USER);
    }

    private static void unreachable(SQLException e) {
        String message = "PostgreSQL at " + SERVER + " (user " + USER + "): " + e.getMessage();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ci && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            Assumptions.abort("skipped, no " + message);
        }
        throw new IllegalStateException(message, e);
    }
}

package dev.assistants4j.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a database to this version's schema with Flyway. On PostgreSQL the migration holds a session advisory lock,
 * so nodes that start together against an empty database migrate it once: the others wait, then find nothing to do.
 * Migrations are additive, so nodes of the previous version keep working while a rolling restart goes on.
 */
final class Migrations {

    /** The advisory lock's key: any constant no other application on the database uses ("a4j" + "mig"). */
    private static final long LOCK = 0x6134_6a6d_6967L;

    private Migrations() {}

    static void run(DataSource dataSource, Dialect dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrations())
                .load();
        if (dialect != Dialect.POSTGRESQL) {
            flyway.migrate();
            return;
        }
        try (Connection lock = dataSource.getConnection();
                Statement statement = lock.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            try {
                flyway.migrate();
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock the database to migrate it: " + e.getMessage(), e);
        }
    }
}

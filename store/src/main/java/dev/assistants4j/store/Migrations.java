package dev.assistants4j.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a database to this version's schema with Flyway. On PostgreSQL the migration holds a session advisory lock,
 * so nodes that start together against an empty database migrate it once: the others wait, then find nothing to do.
 * Migrations are additive, so nodes of the previous version keep working while a rolling restart goes on.
 *
 * <p>A database whose schema history already holds this version's newest migration, applied successfully, is left as
 * it is without starting Flyway: loading Flyway and scanning the class path for migrations takes about half a second,
 * most of a warm start. Flyway's checksum validation is skipped then; migrations are never edited once released.
 */
final class Migrations {

    /** The advisory lock's key: any constant no other application on the database uses ("a4j" + "mig"). */
    private static final long LOCK = 0x6134_6a6d_6967L;

    private Migrations() {}

    static void run(DataSource dataSource, Dialect dialect) {
        if (upToDate(dataSource, dialect)) {
            return;
        }
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

    /**
     * True when Flyway's schema history has every migration up to this version's newest applied successfully, and no
     * failed one. Any doubt (no history table yet, an unreadable one) answers false: Flyway then decides.
     */
    static boolean upToDate(DataSource dataSource, Dialect dialect) {
        String query = "SELECT MAX(CASE WHEN success THEN CAST(version AS INTEGER) END),"
                + " SUM(CASE WHEN success THEN 0 ELSE 1 END) FROM flyway_schema_history WHERE version IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            return rows.next() && rows.getInt(1) == dialect.latestMigration() && rows.getInt(2) == 0;
        } catch (SQLException e) {
            return false; // no history yet: a new database
        }
    }
}

package dev.assistants4j.server;

import dev.assistants4j.server.config.DatabaseConfig;
import dev.assistants4j.server.config.ServerConfig;
import dev.assistants4j.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which database the test servers use: the embedded SQLite file, or with {@code -Dassistants4j.test.database=postgresql}
 * (the server module's second surefire run) a PostgreSQL schema of each data directory's own, so a server restarted
 * on the same directory finds what it stored, as it would in its SQLite file. Tests that set a database themselves
 * keep it.
 */
public final class TestDatabases {

    /** The system property that selects PostgreSQL. */
    public static final String PROPERTY = "assistants4j.test.database";

    private static final Map<Path, TestPostgres> SCHEMAS = new ConcurrentHashMap<>();

    private TestDatabases() {}

    /** True when the tests run on PostgreSQL. */
    public static boolean postgres() {
        return "postgresql".equals(System.getProperty(PROPERTY));
    }

    /** {@code config}, on the data directory's PostgreSQL schema when the tests run on PostgreSQL. */
    static ServerConfig forServer(ServerConfig config, Path dataDir) {
        if (!postgres() || config.database().url().isPresent()) {
            return config;
        }
        TestPostgres schema = SCHEMAS.computeIfAbsent(dataDir.toAbsolutePath(), dir -> TestPostgres.create());
        return config.withDatabase(DatabaseConfig.postgres(schema.url()).withPoolLimit(4));
    }
}

package dev.assistants4j.store;

import dev.assistants4j.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link JdbcStores} opened before each test and closed after it: on SQLite in a temporary directory of the test's
 * own, or on PostgreSQL on a database of the test's own. Register it on an instance field.
 */
final class OpenedStores implements BeforeEachCallback, AfterEachCallback {

    private final boolean postgres;
    private Path dataDir;
    private TestPostgres database;
    private JdbcStores stores;

    private OpenedStores(boolean postgres) {
        this.postgres = postgres;
    }

    static OpenedStores sqlite() {
        return new OpenedStores(false);
    }

    static OpenedStores postgres() {
        return new OpenedStores(true);
    }

    JdbcStores stores() {
        return stores;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (postgres) {
            database = TestPostgres.create();
            stores = JdbcStores.openPostgres(DatabaseUrl.parse(database.url()), 4, Duration.ofSeconds(5));
        } else {
            dataDir = Files.createTempDirectory("stores");
            stores = JdbcStores.openSqlite(dataDir);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (stores != null) {
            stores.close();
        }
        if (database != null) {
            database.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(OpenedStores::delete);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

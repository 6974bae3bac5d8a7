package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

/** The start skips Flyway only for a database that holds every migration of this version, applied successfully. */
class MigrationsUpToDateTest {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theNewestMigrationIsTheOneTheDialectNames(Dialect dialect) throws IOException, URISyntaxException {
        Path directory = Path.of(getClass()
                .getClassLoader()
                .getResource(dialect.migrationDirectory())
                .toURI());
        int newest;
        try (Stream<Path> files = Files.list(directory)) {
            newest = files.map(file -> VERSION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max()
                    .orElseThrow();
        }
        assertThat(dialect.latestMigration())
                .as("raise Dialect.%s's latest migration with each new migration", dialect)
                .isEqualTo(newest);
    }

    @Test
    void aNewDatabaseAndAnOlderOneAreMigratedAndACurrentOneIsNot() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dataDir.resolve(JdbcStores.SQLITE_FILE));
        assertThat(Migrations.upToDate(source, Dialect.SQLITE))
                .as("no history yet")
                .isFalse();
        Flyway.configure()
                .dataSource(source)
                .locations(Dialect.SQLITE.migrations())
                .target(Integer.toString(Dialect.SQLITE.latestMigration() - 1))
                .load()
                .migrate();
        assertThat(Migrations.upToDate(source, Dialect.SQLITE))
                .as("one migration behind")
                .isFalse();

        try (JdbcStores stores = JdbcStores.openSqlite(dataDir)) {
            assertThat(stores.assistants()).isNotNull();
        }

        assertThat(Migrations.upToDate(source, Dialect.SQLITE))
                .as("migrated by the open")
                .isTrue();
        try (JdbcStores stores = JdbcStores.openSqlite(dataDir)) { // opens without Flyway
            assertThat(stores.assistants()
                            .list(
                                    "proj_x",
                                    new dev.assistants4j.core.store.PageRequest(
                                            1,
                                            dev.assistants4j.core.store.ListOrder.DESC,
                                            java.util.Optional.empty(),
                                            java.util.Optional.empty()))
                            .data())
                    .isEmpty();
        }
    }
}

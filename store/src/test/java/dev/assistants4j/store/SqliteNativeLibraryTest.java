package dev.assistants4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlite-jdbc's native library kept in the data dir between starts: the first start puts this platform's copy there
 * and points sqlite-jdbc at it; settings the operator made already are left alone.
 */
class SqliteNativeLibraryTest {

    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";

    @TempDir
    Path dir;

    private String path;
    private String name;

    @BeforeEach
    void clear() {
        path = System.clearProperty(PATH);
        name = System.clearProperty(NAME);
    }

    @AfterEach
    void restore() {
        System.clearProperty(PATH);
        System.clearProperty(NAME);
        if (path != null) System.setProperty(PATH, path);
        if (name != null) System.setProperty(NAME, name);
    }

    @Test
    void the_library_is_kept_in_the_cache_dir_and_sqlite_jdbc_pointed_at_it() throws Exception {
        // when
        SqliteNativeLibrary.keepIn(dir.resolve("cache"));

        // then
        Path kept = Path.of(System.getProperty(PATH)).resolve(System.getProperty(NAME));
        assertThat(kept).startsWith(dir.resolve("cache")).isRegularFile();
        assertThat(Files.size(kept)).isPositive();
        try (var files = Files.list(kept.getParent())) {
            assertThat(files).containsExactly(kept); // no partial copy left behind
        }
    }

    @Test
    void a_library_path_the_operator_set_is_kept() {
        // given
        System.setProperty(PATH, "/opt/sqlite");

        // when
        SqliteNativeLibrary.keepIn(dir.resolve("cache"));

        // then
        assertThat(System.getProperty(PATH)).isEqualTo("/opt/sqlite");
        assertThat(dir.resolve("cache")).doesNotExist();
    }
}

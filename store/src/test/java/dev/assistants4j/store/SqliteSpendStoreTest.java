package dev.assistants4j.store;

import dev.assistants4j.core.store.SpendStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The spend store contract on the embedded SQLite database. */
class SqliteSpendStoreTest extends SpendStoreContract {

    @TempDir
    Path dataDir;

    private JdbcStores stores;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dataDir);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Override
    protected SpendStore spend() {
        return stores.spend();
    }
}

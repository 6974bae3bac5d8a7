package dev.assistants4j.store;

import dev.assistants4j.core.store.SpendStore;
import dev.assistants4j.testkit.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The spend store contract on PostgreSQL, on a schema of its own. */
class PostgresSpendStoreTest extends SpendStoreContract {

    private TestPostgres database;
    private JdbcStores stores;

    @BeforeEach
    void open() {
        database = TestPostgres.create();
        stores = JdbcStores.openPostgres(DatabaseUrl.parse(database.url()), 4, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        stores.close();
        database.close();
    }

    @Override
    protected SpendStore spend() {
        return stores.spend();
    }
}

package dev.assistants4j.store;

import dev.assistants4j.core.store.SpendStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spend store contract on PostgreSQL, on a schema of its own. */
class PostgresSpendStoreTest extends SpendStoreContract {

    @RegisterExtension
    final OpenedStores opened = OpenedStores.postgres();

    @Override
    protected SpendStore spend() {
        return opened.stores().spend();
    }
}

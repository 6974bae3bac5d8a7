package dev.assistants4j.store;

import dev.assistants4j.core.store.SpendStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spend store contract on the embedded SQLite database. */
class SqliteSpendStoreTest extends SpendStoreContract {

    @RegisterExtension
    final OpenedStores opened = OpenedStores.sqlite();

    @Override
    protected SpendStore spend() {
        return opened.stores().spend();
    }
}

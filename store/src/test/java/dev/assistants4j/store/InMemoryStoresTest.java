package dev.assistants4j.store;

import dev.assistants4j.core.store.Stores;
import dev.assistants4j.testkit.store.InMemoryStores;
import org.junit.jupiter.api.AfterEach;

/** The store contract on testkit's in-memory stores, the ones core's service tests run on. */
class InMemoryStoresTest extends StoreContract {

    private final InMemoryStores stores = new InMemoryStores();

    @Override
    protected Stores stores() {
        return stores;
    }

    @AfterEach
    void close() {
        stores.close();
    }
}

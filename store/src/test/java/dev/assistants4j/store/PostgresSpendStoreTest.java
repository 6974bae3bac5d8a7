package dev.assistants4j.store;

/** The spend store contract on PostgreSQL, on a schema of its own. */
class PostgresSpendStoreTest extends SpendStoreContract {

    PostgresSpendStoreTest() {
        super(OpenedStores.postgres());
    }
}

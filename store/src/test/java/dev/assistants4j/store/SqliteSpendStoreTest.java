package dev.assistants4j.store;

/** The spend store contract on the embedded SQLite database. */
class SqliteSpendStoreTest extends SpendStoreContract {

    SqliteSpendStoreTest() {
        super(OpenedStores.sqlite());
    }
}

/** JDBI + Flyway implementations of the core store interfaces; {@link dev.assistants4j.store.JdbcStores} is the entry. */
package dev.assistants4j.store;

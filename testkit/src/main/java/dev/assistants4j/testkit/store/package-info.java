/** In-memory stores for tests: {@link dev.assistants4j.testkit.store.InMemoryStores}. */
package dev.assistants4j.testkit.store;

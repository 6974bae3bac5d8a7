package dev.assistants4j.store;

import dev.assistants4j.core.store.Fence;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * How a store writes: in a transaction of {@code db} that first checks, when there is a {@code fence}, that its lease
 * still has its token (see {@link JdbcRunLeaseStore#check}), and is refused with {@link
 * dev.assistants4j.core.store.FencedOffException} otherwise. The check costs one primary-key read in the write's own
 * transaction (a round trip on PostgreSQL, no extra commit). Thread-safe.
 */
record FencedWrites(Database db, Optional<Fence> fence) {

    static FencedWrites unfenced(Database db) {
        return new FencedWrites(db, Optional.empty());
    }

    <R> R write(HandleCallback<R, RuntimeException> callback) {
        if (fence.isEmpty()) {
            return db.write(callback);
        }
        return db.write(handle -> {
            JdbcRunLeaseStore.check(handle, fence.get());
            return callback.withHandle(handle);
        });
    }

    void writeVoid(Consumer<Handle> work) {
        write(handle -> {
            work.accept(handle);
            return null;
        });
    }
}

package dev.assistants4j.core.engine;

import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.store.Stores;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** What run execution needs, shared by every run. Thread-safe. */
record EngineContext(
        Stores stores,
        ModelRouter router,
        RunEvents events,
        RunStates states,
        RunExpiry expiry,
        FileSearch fileSearch,
        Clock clock,
        EngineSettings settings,
        AtomicBoolean stopping) {

    /** Throws {@link EngineStopped} when the engine is shutting down. */
    void checkRunning() {
        if (stopping.get()) {
            throw new EngineStopped();
        }
    }

    long now() {
        return clock.instant().getEpochSecond();
    }
}

package dev.assistants4j.core.engine;

import dev.assistants4j.core.store.Stores;
import java.time.Clock;

/** What run execution needs, shared by every run. Thread-safe. */
record EngineContext(
        Stores stores,
        ModelRouter router,
        RunEvents events,
        RunStates states,
        RunExpiry expiry,
        Clock clock,
        EngineSettings settings) {

    long now() {
        return clock.instant().getEpochSecond();
    }
}

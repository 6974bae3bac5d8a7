package dev.assistants4j.core.engine;

import dev.assistants4j.core.provider.ProviderStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a running run to stop: sets a flag the loop checks, and closes the provider stream it is blocked on so the
 * stop is prompt even when the upstream is silent. Thread-safe.
 */
final class CancelSignal {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicReference<ProviderStream> stream = new AtomicReference<>();

    void request() {
        requested.set(true);
        ProviderStream current = stream.get();
        if (current != null) {
            current.close();
        }
    }

    boolean requested() {
        return requested.get();
    }

    void attach(ProviderStream current) {
        stream.set(current);
        if (requested.get()) {
            current.close();
        }
    }

    void detach() {
        stream.set(null);
    }
}

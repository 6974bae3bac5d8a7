package dev.assistants4j.core.engine;

import dev.assistants4j.core.provider.ProviderStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Asks a running run to stop: sets a flag the loop checks, and closes the provider stream it is blocked on so the
 * stop is prompt even when the upstream is silent. Thread-safe.
 */
final class CancelSignal {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final AtomicReference<ProviderStream> stream = new AtomicReference<>();
    private Thread working;

    void request() {
        requested.set(true);
        ProviderStream current = stream.get();
        if (current != null) {
            current.close();
        }
        synchronized (this) {
            if (working != null) {
                working.interrupt();
            }
        }
    }

    /**
     * Runs {@code work} on the calling thread so that a cancel interrupts it (how a cancelled run stops its code); the
     * thread's interrupt flag is cleared again before this returns, so that it cannot disturb what follows.
     */
    <T> T interruptibly(Supplier<T> work) {
        synchronized (this) {
            working = Thread.currentThread();
            if (requested.get()) {
                working.interrupt();
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (this) {
                working = null;
                Thread.interrupted();
            }
        }
    }

    boolean requested() {
        return requested.get();
    }

    /**
     * Stops the run without ending it: this node lost its lease (another node took the run over), so the run must
     * stop here and write nothing more.
     */
    void abandon() {
        abandoned.set(true);
        request();
    }

    boolean abandoned() {
        return abandoned.get();
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

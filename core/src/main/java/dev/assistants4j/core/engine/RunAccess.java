package dev.assistants4j.core.engine;

import dev.assistants4j.core.access.Caller;
import dev.assistants4j.core.access.Callers;
import dev.assistants4j.core.access.ModelGate;
import dev.assistants4j.core.store.RunKeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * How runs are charged: the gate every model call of a run passes, the callers a run's key is found by, and where
 * each run's key is remembered (a run continued on another node, or after a restart, charges the key that created it).
 * Thread-safe.
 */
public record RunAccess(ModelGate gate, Callers callers, RunKeyStore runKeys) {

    /** No limits: every run is the master key's. */
    public static final RunAccess OPEN =
            new RunAccess(ModelGate.OPEN, Callers.masterKeyOnly(Optional.empty()), RunKeyStore.NONE);

    public RunAccess {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(callers, "callers");
        Objects.requireNonNull(runKeys, "runKeys");
    }

    /**
     * The caller a stored run charges: its key's caller as the key stands now, the master key's for a run without a
     * key, or empty when its key was deleted.
     */
    Optional<Caller> callerOf(String projectId, String runId) {
        Optional<String> keyId = runKeys.runKey(runId);
        if (keyId.isEmpty()) {
            return Optional.of(Caller.master(projectId));
        }
        return callers.byKeyId(keyId.get());
    }
}

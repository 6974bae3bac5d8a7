package dev.assistants4j.core.store;

import java.util.Optional;

/** Which key each run charges, so that a run continued on another node or after a restart charges the same key. */
public interface RunKeyStore {

    /** Remembers nothing: every run is the master key's. */
    RunKeyStore NONE = new RunKeyStore() {
        @Override
        public void rememberRunKey(String runId, String keyId) {}

        @Override
        public Optional<String> runKey(String runId) {
            return Optional.empty();
        }
    };

    /** Remembers that run {@code runId} charges key {@code keyId}. */
    void rememberRunKey(String runId, String keyId);

    /** The key run {@code runId} charges; empty for a run of the master key. */
    Optional<String> runKey(String runId);
}

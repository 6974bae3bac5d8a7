package dev.assistants4j.core.access;

/**
 * What every model call passes before it is sent: the caller's key and team must allow the model, have budget left
 * and be within their rate limits. {@link #admit} answers at once from memory (no database write on the request
 * path); the returned {@link Admission} records the call's usage in the spend log and frees its parallel-request
 * slot when closed. Implementations are thread-safe; {@link #OPEN} enforces and records nothing.
 */
public interface ModelGate {

    /** No limits and no spend log. */
    ModelGate OPEN = (caller, call) -> Admission.NONE;

    /**
     * Lets {@code call} go ahead for {@code caller}, or refuses it. The master key (no key id) is never refused.
     *
     * @throws dev.assistants4j.core.error.LimitExceededException when the model is not allowed or the budget is spent
     * @throws dev.assistants4j.core.error.RateLimitException when a rate or parallel-request limit is reached
     */
    Admission admit(Caller caller, ModelCall call);

    /** A call let in: record what it used once it is known, and close it when the call is over (also on failure). */
    interface Admission extends AutoCloseable {

        /** Records nothing. */
        Admission NONE = new Admission() {
            @Override
            public void record(long promptTokens, long completionTokens) {}

            @Override
            public void close() {}
        };

        /** Records the call's tokens (and their cost) in the spend log and against the rate limits. */
        void record(long promptTokens, long completionTokens);

        /** Frees the call's parallel-request slot; idempotent. */
        @Override
        void close();
    }
}

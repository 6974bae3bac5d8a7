package dev.assistants4j.core.engine;

/**
 * Thrown inside a run's thread when the engine shuts down under it: the run is left as stored, and the next
 * start-up recovers it (see {@link RunRecovery}). Never reaches clients.
 */
final class EngineStopped extends RuntimeException {

    EngineStopped() {
        super("the run engine is stopping", null, false, false);
    }
}

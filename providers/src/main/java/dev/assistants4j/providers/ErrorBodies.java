package dev.assistants4j.providers;

import dev.assistants4j.core.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;

/** Reads the body of an upstream's error answer. Stateless. */
final class ErrorBodies {

    private ErrorBodies() {}

    /** At most {@code limit} bytes of {@code body}, read under the idle timer; then releases the connection. */
    static byte[] read(InputStream body, IdleTimer idleTimer, int limit) {
        try (InputStream watched = idleTimer.watch(body)) {
            return watched.readNBytes(limit);
        } catch (IOException e) {
            String problem = idleTimer.fired() ? "the model provider stopped sending" : "the connection broke";
            throw new ProviderException(problem + " while its answer was read", 0, true, e);
        } finally {
            idleTimer.cancel();
        }
    }
}

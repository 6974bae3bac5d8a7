package dev.assistants4j.client;

import java.util.Optional;

/**
 * The events of one streamed answer, read one at a time by one thread. The stream ends after the event that closes
 * it ({@code thread.run.completed}, {@code thread.run.requires_action}, {@code error}, …); the closing
 * {@code done} / {@code [DONE]} marker is not returned. Closing it early stops the reading, not the run.
 */
public interface EventStream extends AutoCloseable {

    /**
     * The next event, waiting for it; empty once the stream has ended.
     *
     * @throws ApiConnectionException when the connection breaks before the stream ended
     */
    Optional<ServerSentEvent> next();

    @Override
    void close();
}

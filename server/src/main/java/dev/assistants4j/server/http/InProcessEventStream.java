package dev.assistants4j.server.http;

import dev.assistants4j.client.ApiConnectionException;
import dev.assistants4j.client.EventStream;
import dev.assistants4j.client.ServerSentEvent;
import dev.assistants4j.core.engine.RunEvent;
import dev.assistants4j.core.engine.RunEventLog;
import dev.assistants4j.core.engine.RunEventWire;
import java.time.Duration;
import java.util.Optional;

/**
 * A run's events read in-process, named and shaped as the server streams them ({@link RunEventSse}), ending after
 * the event that closes the stream. Read by one thread.
 */
final class InProcessEventStream implements EventStream {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final RunEventLog.Subscription events;
    private final boolean fileSearchContent;
    private volatile boolean ended;

    InProcessEventStream(RunEventLog.Subscription events, boolean fileSearchContent) {
        this.events = events;
        this.fileSearchContent = fileSearchContent;
    }

    @Override
    public Optional<ServerSentEvent> next() {
        while (!ended) {
            Optional<RunEvent> next;
            try {
                next = events.next(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiConnectionException("Interrupted while waiting for the run's next event", e, false);
            }
            if (next.isPresent()) {
                RunEvent event = next.get();
                ended = event.closesStream();
                return Optional.of(
                        new ServerSentEvent(RunEventWire.name(event), RunEventWire.data(event, fileSearchContent)));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        ended = true;
    }
}

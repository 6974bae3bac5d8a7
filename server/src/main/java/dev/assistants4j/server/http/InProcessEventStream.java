package dev.assistants4j.server.http;

import dev.assistants4j.client.ApiConnectionException;
import dev.assistants4j.client.EventStream;
import dev.assistants4j.client.ServerSentEvent;
import dev.assistants4j.core.engine.RunEvent;
import dev.assistants4j.core.engine.RunEventLog;
import dev.assistants4j.core.engine.RunEventWire;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A run's events read in-process, named and shaped as the server streams them ({@link RunEventSse}), ending after
 * the event that closes the stream. When the transport is closed (the engine stopped) while the run still goes, the
 * reader gets an {@link ApiConnectionException} within {@link #WAIT}, as an HTTP client whose server stopped does. Read
 * by one thread.
 */
final class InProcessEventStream implements EventStream {

    /** How long the reader waits for an event before it looks whether the transport was closed. */
    private static final Duration WAIT = Duration.ofMillis(200);

    private final RunEventLog.Subscription events;
    private final boolean fileSearchContent;
    private final BooleanSupplier transportClosed;
    private volatile boolean ended;

    InProcessEventStream(RunEventLog.Subscription events, boolean fileSearchContent, BooleanSupplier transportClosed) {
        this.events = events;
        this.fileSearchContent = fileSearchContent;
        this.transportClosed = transportClosed;
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
            if (transportClosed.getAsBoolean()) {
                ended = true;
                throw new ApiConnectionException("The event stream broke: the engine was closed", null, false);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        ended = true;
    }
}

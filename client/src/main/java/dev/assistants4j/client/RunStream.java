package dev.assistants4j.client;

import dev.assistants4j.client.model.Run;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The events of one streamed run, typed, read as they come: iterate it (once) or {@link #stream()} it, then
 * {@link #finalRun()}; close it (try-with-resources) to stop reading early, which does not stop the run. An
 * {@code error} event arrives as a {@link StreamEvent.ErrorEvent}, and {@link #finalRun()} throws it. Read by one
 * thread at a time.
 */
public final class RunStream implements AutoCloseable, Iterable<StreamEvent> {

    private final EventStream events;
    private Run lastRun;
    private ApiException error;
    private boolean iterated;
    private boolean ended;

    RunStream(EventStream events) {
        this.events = events;
    }

    /**
     * The events, one pass only.
     *
     * @throws MalformedEventException from {@code next()} when an event cannot be read
     * @throws ApiConnectionException from {@code next()} when the connection breaks
     */
    @Override
    public Iterator<StreamEvent> iterator() {
        if (iterated) {
            throw new IllegalStateException("a RunStream can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private StreamEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = read().orElse(null);
                }
                return next != null;
            }

            @Override
            public StreamEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StreamEvent event = next;
                next = null;
                return event;
            }
        };
    }

    /** The events as a sequential stream, one pass only; closing the stream closes this. */
    public Stream<StreamEvent> stream() {
        return StreamSupport.stream(spliterator(), false).onClose(this::close);
    }

    /**
     * Reads the events not read yet and returns the run as the last run event left it (completed, requires_action,
     * failed, …).
     *
     * @throws ApiException when the stream carried an {@code error} event
     * @throws IllegalStateException when the stream ended without a run event
     */
    public Run finalRun() {
        iterated = true;
        while (read().isPresent()) {
            // reads what is left, remembering the last run
        }
        if (error != null) {
            throw error;
        }
        if (lastRun == null) {
            throw new IllegalStateException("the stream ended without a run event");
        }
        return lastRun;
    }

    private Optional<StreamEvent> read() {
        if (ended) {
            return Optional.empty();
        }
        Optional<StreamEvent> event = events.next().map(StreamEvents::parse);
        event.ifPresentOrElse(this::remember, () -> ended = true);
        return event;
    }

    private void remember(StreamEvent event) {
        if (event instanceof StreamEvent.RunEvent runEvent) {
            lastRun = runEvent.run();
        } else if (event instanceof StreamEvent.ErrorEvent errorEvent) {
            error = errorEvent.exception();
        }
    }

    @Override
    public void close() {
        events.close();
    }
}

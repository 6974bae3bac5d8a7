package dev.assistants4j.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events read from a response body, line by line on the caller's thread (the WHATWG parsing rules:
 * {@code event:} and {@code data:} fields, data lines joined with {@code \n}, {@code :} comments and other fields
 * ignored, LF, CRLF or CR line ends, an event dispatched at a blank line). An event without an {@code event:} line is
 * named {@code message}. The {@code done} event or {@code data: [DONE]} ends the stream and is not returned; so does the
 * end of the body. Closing closes the body. With an idle timeout, a reader that waits longer than it for the next line
 * (an event's or a keep-alive comment's) gets a timed-out {@link ApiConnectionException}: a timer closes the body.
 * Read by one thread; {@link #close()} may come from another.
 */
final class SseEventStream implements EventStream {

    private static final String DONE = "[DONE]";

    private final InputStream body;
    private final BufferedReader reader;
    private final long idleNanos;
    private final ScheduledExecutorService timer;
    private volatile boolean ended;
    private volatile boolean idled;
    private volatile boolean waiting;
    private volatile long waitingSince;
    private volatile ScheduledFuture<?> watch;
    private boolean firstLine = true;

    SseEventStream(InputStream body) {
        this(body, null, null);
    }

    /** A stream whose reader may wait at most {@code idleTimeout} for a line, watched on {@code timer}. */
    SseEventStream(InputStream body, Duration idleTimeout, ScheduledExecutorService timer) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.idleNanos = idleTimeout == null ? 0 : idleTimeout.toNanos();
        this.timer = timer;
        if (idleTimeout != null) {
            watch = timer.schedule(this::checkIdle, idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Closes the body when the reader has waited too long, or looks again when it could have. */
    private void checkIdle() {
        if (ended) {
            return;
        }
        long waited = waiting ? System.nanoTime() - waitingSince : 0;
        if (waited >= idleNanos) {
            idled = true;
            close();
            return;
        }
        try {
            watch = timer.schedule(this::checkIdle, idleNanos - waited, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The transport was closed: streams still open are no longer watched.
        }
    }

    @Override
    public Optional<ServerSentEvent> next() {
        String event = null;
        StringBuilder data = null;
        while (!ended) {
            String line = readLine();
            if (line == null) {
                close();
                break;
            }
            if (firstLine) {
                firstLine = false;
                line = line.startsWith("\uFEFF") ? line.substring(1) : line;
            }
            if (line.isEmpty()) {
                if ("done".equals(event) || data != null && DONE.contentEquals(data)) {
                    close();
                    break;
                }
                if (data == null) {
                    event = null;
                    continue;
                }
                return Optional.of(
                        new ServerSentEvent(event == null || event.isEmpty() ? "message" : event, data.toString()));
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        return Optional.empty();
    }

    private String readLine() {
        waitingSince = System.nanoTime();
        waiting = true;
        String line;
        try {
            line = reader.readLine();
        } catch (IOException e) {
            if (idled) {
                throw idle(e);
            }
            if (ended) {
                return null;
            }
            close();
            throw new ApiConnectionException(
                    "The event stream broke: " + e.getMessage(), e, e instanceof HttpTimeoutException);
        } finally {
            waiting = false;
        }
        if (line == null && idled) {
            throw idle(null);
        }
        return line;
    }

    private ApiConnectionException idle(IOException cause) {
        return new ApiConnectionException(
                "The event stream sent nothing for " + Duration.ofNanos(idleNanos), cause, true);
    }

    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        ScheduledFuture<?> scheduled = watch;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        try {
            body.close();
        } catch (IOException e) {
            // The stream is abandoned either way; nothing a caller could do with this.
        }
    }
}

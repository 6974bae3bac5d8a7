package dev.assistants4j.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Server-sent events read from a response body, line by line on the caller's thread (the WHATWG parsing rules:
 * {@code event:} and {@code data:} fields, data lines joined with {@code \n}, {@code :} comments and other fields
 * ignored, LF, CRLF or CR line ends, an event dispatched at a blank line). An event without an {@code event:} line is
 * named {@code message}. The {@code done} event or {@code data: [DONE]} ends the stream and is not returned; so does the
 * end of the body. Closing closes the body. Read by one thread; {@link #close()} may come from another.
 */
final class SseEventStream implements EventStream {

    private static final String DONE = "[DONE]";

    private final InputStream body;
    private final BufferedReader reader;
    private volatile boolean ended;
    private boolean firstLine = true;

    SseEventStream(InputStream body) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
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
        try {
            return reader.readLine();
        } catch (IOException e) {
            if (ended) {
                return null;
            }
            close();
            throw new ApiConnectionException(
                    "The event stream broke: " + e.getMessage(), e, e instanceof HttpTimeoutException);
        }
    }

    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            body.close();
        } catch (IOException e) {
            // The stream is abandoned either way; nothing a caller could do with this.
        }
    }
}

package dev.assistants4j.providers;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads the {@code data} of Server-Sent Events from a text stream: {@code data:} lines of one event are joined with
 * {@code \n}; comments ({@code :…}), {@code event:}/{@code id:}/{@code retry:} fields and events without data are
 * skipped. Blocks on the underlying reader. Not thread-safe.
 */
final class SseEventReader {

    private final BufferedReader reader;
    private boolean firstLine = true;

    SseEventReader(BufferedReader reader) {
        this.reader = reader;
    }

    /**
     * The data of the next event, or null at the end of the stream. An event cut off by the end of the stream (no
     * blank line after it) is dropped, as the SSE spec says, unless it is {@code [DONE]}.
     */
    String next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (firstLine) {
                firstLine = false;
                line = line.startsWith("\uFEFF") ? line.substring(1) : line;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (field.equals("data")) {
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        return data != null && data.toString().strip().equals("[DONE]") ? "[DONE]" : null;
    }
}

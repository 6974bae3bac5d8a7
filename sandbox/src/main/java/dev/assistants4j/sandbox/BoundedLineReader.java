package dev.assistants4j.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads UTF-8 lines of at most a given length, so that a misbehaving driver cannot exhaust the server's memory. */
final class BoundedLineReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[65536];
    private int position;
    private int limit;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line without its terminator, or null at the end of the stream.
     *
     * @throws IOException also when a line is longer than allowed
     */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') position++;
            line.write(buffer, start, position - start);
            if (line.size() > maxLineBytes) throw new IOException("driver message longer than " + maxLineBytes);
            if (position < limit) {
                position++;
                return line.toString(StandardCharsets.UTF_8);
            }
        }
    }
}

package dev.assistants4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The body of one HTTP/1.1 response read from a socket's stream: the status line and headers are read (and a status
 * other than 200 fails), then {@link #read} hands out the body's bytes, decoded when it is chunked, until its end (the
 * last chunk, or the end of the connection). Not thread-safe.
 */
final class HttpBody {

    private final InputStream in;
    private final byte[] buffer = new byte[16384];
    private int position;
    private int limit;
    private boolean chunked;
    private long chunkLeft;
    private boolean ended;
    private boolean headersRead;

    HttpBody(InputStream in) {
        this.in = in;
    }

    /** Up to {@code target.length} bytes of the body; -1 at its end. */
    int read(byte[] target) throws IOException {
        if (!headersRead) {
            readHeaders();
        }
        if (ended) {
            return -1;
        }
        if (chunked && chunkLeft == 0 && !nextChunk()) {
            return -1;
        }
        if (position == limit && !fill()) {
            ended = true;
            return -1;
        }
        int n = limit - position;
        if (chunked) {
            n = (int) Math.min(n, chunkLeft);
            chunkLeft -= n;
        }
        n = Math.min(n, target.length);
        System.arraycopy(buffer, position, target, 0, n);
        position += n;
        return n;
    }

    private void readHeaders() throws IOException {
        headersRead = true;
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            throw new IOException("the stream answered " + status);
        }
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
    }

    /** Reads the next chunk's size line (after the previous chunk's CRLF); false at the last chunk. */
    private boolean nextChunk() throws IOException {
        String size = line();
        if (size != null && size.isEmpty()) {
            size = line();
        }
        if (size == null) {
            ended = true;
            return false;
        }
        int extension = size.indexOf(';');
        chunkLeft = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        if (chunkLeft == 0) {
            ended = true;
            return false;
        }
        return true;
    }

    /** A line without its CRLF; null at the end of the connection. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (position == limit && !fill()) {
                return line.isEmpty() ? null : line.toString();
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}

package dev.assistants4j.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One streamed HTTP/1.1 POST over a plain socket, read to its end: the status line and headers, then the body
 * (chunked or not) scanned for server-sent events without building strings. It records when each event ends and so
 * the longest silence between two consecutive events after the first, how many events carried content, and whether
 * the stream ended with {@code doneLine}. Made for thousands of concurrent streams on virtual threads (a socket read
 * parks a virtual thread, it does not pin it). Not thread-safe: one per stream.
 */
final class SseStream {

    private static final byte[] EVENT_DELTA = bytes("event: thread.message.delta");
    private static final byte[] DATA_CONTENT = bytes("data: {");
    private static final int PREFIX = 40;

    private final byte[] contentLine;
    private final byte[] doneLine;
    private final byte[] line = new byte[PREFIX];
    private int lineLength;
    private boolean lineHasContent;
    private boolean eventHasContent;
    private boolean eventHasField;
    private long lastEvent;
    private long firstEvent;

    /** Events seen. */
    int events;
    /** Events that carried a delta (a {@code thread.message.delta}, or an upstream chunk). */
    int deltas;
    /** Silences longer than one second between consecutive events. */
    int longGaps;
    /** The longest silence between consecutive events, in nanoseconds. */
    long maxGap;
    /** Nanoseconds from sending the request to the end of the first event; -1 without one. */
    long firstEventNanos = -1;
    /** Whether the stream carried {@code doneLine}. */
    boolean done;

    /**
     * @param server true to count {@code thread.message.delta} events (the assistants server); false to count
     *     {@code data: {…}} chunks (a chat-completions upstream)
     * @param doneLine the line that marks a complete stream, e.g. {@code event: thread.run.completed}
     */
    SseStream(boolean server, String doneLine) {
        this.contentLine = server ? EVENT_DELTA : DATA_CONTENT;
        this.doneLine = bytes(doneLine);
    }

    /** POSTs {@code json} to {@code path} on {@code address} and reads the stream to its end. */
    void run(InetSocketAddress address, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nConnection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        long sent = System.nanoTime();
        lastEvent = sent;
        try (Socket socket = new Socket()) {
            socket.connect(address, 30_000);
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            read(new HttpBody(socket.getInputStream()));
        }
        if (firstEvent != 0) {
            firstEventNanos = firstEvent - sent;
        }
    }

    private void read(HttpBody in) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                accept(buffer[i], now);
            }
        }
    }

    private void accept(byte b, long now) {
        if (b == '\r') {
            return;
        }
        if (b != '\n') {
            if (lineLength < PREFIX) {
                line[lineLength] = b;
            }
            lineLength++;
            return;
        }
        if (lineLength == 0) {
            if (eventHasField) {
                endEvent(now); // a block of comments only (": keep-alive") is no event
            }
        } else {
            eventHasField |= line[0] != ':';
            lineHasContent |= startsWith(contentLine);
            done |= lineLength == doneLine.length && startsWith(doneLine);
        }
        eventHasContent |= lineHasContent;
        lineHasContent = false;
        lineLength = 0;
    }

    private void endEvent(long now) {
        if (events > 0) {
            long gap = now - lastEvent;
            maxGap = Math.max(maxGap, gap);
            if (gap > 1_000_000_000L) {
                longGaps++;
            }
        } else {
            firstEvent = now;
        }
        lastEvent = now;
        events++;
        if (eventHasContent) {
            deltas++;
        }
        eventHasContent = false;
        eventHasField = false;
    }

    private boolean startsWith(byte[] prefix) {
        if (lineLength < prefix.length || prefix.length > PREFIX) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

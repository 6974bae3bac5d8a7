package dev.assistants4j.server.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An answer to relay to the client: the upstream's status, content type, the headers worth passing on (rate-limit
 * and retry hints), and its body, read as it arrives. Closing it before the body's end aborts the upstream request.
 * Not thread-safe; one per request.
 */
public final class UpstreamResponse implements AutoCloseable {

    private static final int BUFFER_BYTES = 8 * 1024;

    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final InputStream body;

    UpstreamResponse(int status, String contentType, Map<String, String> headers, InputStream body) {
        this.status = status;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.headers = Map.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body");
    }

    /** An answer made here (mock routes) or already read (error bodies). */
    static UpstreamResponse of(int status, String contentType, Map<String, String> headers, byte[] body) {
        return new UpstreamResponse(status, contentType, headers, new ByteArrayInputStream(body));
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The upstream's Content-Type, {@code application/json} if it sent none. */
    public String contentType() {
        return contentType;
    }

    /** The headers to pass on to the client, names lower-cased. */
    public Map<String, String> headers() {
        return headers;
    }

    /** True for a 2xx status. */
    public boolean successful() {
        return status >= 200 && status <= 299;
    }

    /** True when the body is a stream of server-sent events. */
    public boolean eventStream() {
        return contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /**
     * Copies the body to {@code out} as it arrives. An event stream is flushed after every read, so that each chunk
     * reaches the client when the upstream sends it; any other body is left to {@code out}'s own buffering (a JSON
     * answer is of no use in part, and a flush per read cost the client a write and a read more per answer).
     *
     * @throws IOException when the upstream breaks off or the client goes away
     */
    public void transferTo(OutputStream out) throws IOException {
        boolean flushEach = eventStream();
        byte[] buffer = new byte[BUFFER_BYTES];
        int read;
        while ((read = body.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            if (flushEach) {
                out.flush();
            }
        }
    }

    /** The whole body; meant for answers made here and error bodies, which are bounded. */
    public byte[] readAll() throws IOException {
        return body.readAllBytes();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}

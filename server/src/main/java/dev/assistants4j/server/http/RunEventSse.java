package dev.assistants4j.server.http;

import dev.assistants4j.core.engine.RunEvent;
import dev.assistants4j.core.engine.RunEventLog;
import dev.assistants4j.core.engine.RunEventWire;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's events as server-sent events, each as {@code event: NAME} and {@code data: JSON} lines, flushed one
 * by one, until the run ends or waits for tool outputs; then {@code event: done} / {@code data: [DONE]}. A client
 * that goes away stops the writing, not the run.
 */
final class RunEventSse {

    private static final Logger LOG = LoggerFactory.getLogger(RunEventSse.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final byte[] COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DONE = "event: done\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private RunEventSse() {}

    /** Streams the events; run steps carry file_search result content only when {@code fileSearchContent}. */
    static void stream(Context ctx, RunEventLog.Subscription events, boolean fileSearchContent)
            throws InterruptedException {
        ctx.status(200);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
        try {
            OutputStream out = ctx.res().getOutputStream();
            while (true) {
                Optional<RunEvent> next = events.next(KEEP_ALIVE);
                if (next.isEmpty()) {
                    write(out, COMMENT);
                    continue;
                }
                if (writeAvailable(out, events, next.get(), fileSearchContent)) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("Stream client went away: {}", e.getMessage());
        }
    }

    /**
     * Writes {@code first} and every event already queued behind it, then flushes once (each event still reaches
     * the client as soon as it exists). Returns true when the stream has ended.
     */
    private static boolean writeAvailable(
            OutputStream out, RunEventLog.Subscription events, RunEvent first, boolean fileSearchContent)
            throws IOException, InterruptedException {
        RunEvent event = first;
        while (true) {
            out.write(frame(event, fileSearchContent));
            if (event.closesStream()) {
                write(out, DONE);
                return true;
            }
            Optional<RunEvent> queued = events.next(Duration.ZERO);
            if (queued.isEmpty()) {
                out.flush();
                return false;
            }
            event = queued.get();
        }
    }

    private static byte[] frame(RunEvent event, boolean fileSearchContent) {
        String data = RunEventWire.data(event, fileSearchContent);
        return ("event: " + RunEventWire.name(event) + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}

package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.ProviderEvent;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/**
 * The events of one streamed answer, read from the SSE body as the caller asks for them and turned into provider events
 * by a {@link StreamMapper} (OpenAI's chunks or Anthropic's events). The answer is complete at {@code [DONE]} or when
 * the mapper says so. Iteration is for one thread; {@link #close()} may be called from any thread, and then aborts a
 * blocked read, which ends the iteration quietly.
 */
final class SseStream implements ProviderStream {

    private final InputStream body;
    private final SseEventReader events;
    private final StreamMapper mapper;
    private final IdleTimer idleTimer;
    private final Duration readTimeout;
    private final ObjectMapper json;
    private final Deque<ProviderEvent> pending = new ArrayDeque<>();
    private volatile boolean closed;
    private volatile boolean draining;
    private boolean ended;

    /**
     * @param body the raw response body; closing it aborts the request
     * @param idleTimer the timer that closes {@code body} when the upstream is silent too long
     */
    SseStream(InputStream body, IdleTimer idleTimer, Duration readTimeout, StreamMapper mapper, ObjectMapper json) {
        this.body = body;
        this.idleTimer = idleTimer;
        this.readTimeout = readTimeout;
        this.mapper = mapper;
        this.json = json;
        this.events = new SseEventReader(
                new BufferedReader(new InputStreamReader(idleTimer.watch(body), StandardCharsets.UTF_8)));
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !ended && !closed) {
            try {
                readEvent();
            } catch (ProviderException e) {
                ended = true;
                release();
                throw e;
            }
        }
        return !closed && !pending.isEmpty();
    }

    @Override
    public ProviderEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    @Override
    public void close() {
        closed = true;
        if (!draining) {
            release();
        }
    }

    /**
     * Reads what follows {@code [DONE]} (the end of the chunked body) on another thread and then closes it: a body
     * read to its end returns the connection to the client's pool, so the next call skips a TCP handshake, while the
     * caller does not wait for it. The idle timer still bounds an upstream that never ends the body.
     */
    private void drainInBackground() {
        draining = true;
        Thread.ofVirtual().name("upstream-drain").start(() -> {
            try {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the connection is dropped instead of reused
            } finally {
                release();
            }
        });
    }

    private void readEvent() {
        String data;
        try {
            data = events.next();
        } catch (IOException e) {
            if (closed) {
                ended = true;
                return;
            }
            throw readFailure(e);
        }
        if (data == null) {
            endOfBody();
        } else if (data.strip().equals("[DONE]")) {
            complete();
        } else {
            pending.addAll(mapper.events(parse(data)));
            if (mapper.complete()) {
                complete();
            }
        }
    }

    private void complete() {
        pending.addAll(mapper.end());
        ended = true;
        drainInBackground();
    }

    /** Without its end marker, the stream is only complete if a finish reason came. */
    private void endOfBody() {
        ended = true;
        if (closed) {
            return;
        }
        if (idleTimer.fired()) {
            throw readFailure(null);
        }
        if (!mapper.finishReasonSeen()) {
            throw new ProviderException("upstream stream ended early", 0, true, null);
        }
        pending.addAll(mapper.end());
        release();
    }

    private ProviderException readFailure(IOException cause) {
        if (Thread.currentThread().isInterrupted()) {
            return new ProviderException("interrupted while reading the model provider's answer", 0, false, cause);
        }
        if (idleTimer.fired()) {
            return new ProviderException(
                    "the model provider sent nothing for " + readTimeout.toMillis() + " ms", 0, true, cause);
        }
        return new ProviderException("the connection to the model provider broke mid-stream", 0, true, cause);
    }

    private JsonNode parse(String data) {
        try {
            JsonNode chunk = json.readTree(data);
            if (chunk != null && chunk.isObject()) {
                return chunk;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ProviderException("the model provider sent malformed stream data", 0, false, null);
    }

    private void release() {
        idleTimer.cancel();
        try {
            body.close();
        } catch (IOException e) {
            // the request is over either way
        }
    }
}

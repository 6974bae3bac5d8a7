package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A scripted in-memory {@link Transport}: records every request and answers them, in order, with the answers, event
 * streams and exceptions queued. Thread-safe (synchronised).
 */
final class FakeTransport implements Transport {

    final List<ApiRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Object> answers = new ArrayDeque<>();
    private final Deque<List<ServerSentEvent>> streams = new ArrayDeque<>();
    private final Deque<byte[]> downloads = new ArrayDeque<>();
    volatile int streamsClosed;
    volatile boolean closed;

    /** Queues a JSON answer for the next send. */
    synchronized FakeTransport answer(String json) {
        answers.add(Wire.parse(json));
        return this;
    }

    /** Queues an exception for the next send. */
    synchronized FakeTransport fail(RuntimeException error) {
        answers.add(error);
        return this;
    }

    /** Queues a stream for the next stream call. */
    synchronized FakeTransport stream(ServerSentEvent... events) {
        streams.add(List.of(events));
        return this;
    }

    /** Queues a stream read from a test resource in the wire's {@code event:} / {@code data:} format. */
    synchronized FakeTransport streamResource(String name) {
        try (InputStream in = FakeTransport.class.getResourceAsStream(name)) {
            streams.add(parseSse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    synchronized FakeTransport download(byte[] content) {
        downloads.add(content);
        return this;
    }

    static ServerSentEvent sse(String event, String data) {
        return new ServerSentEvent(event, data);
    }

    /** The events of an SSE text, without the closing {@code done} (transports drop it). */
    static List<ServerSentEvent> parseSse(String text) {
        return Arrays.stream(text.split("\n\n"))
                .filter(block -> !block.isBlank())
                .map(block -> {
                    String[] lines = block.strip().split("\n", 2);
                    return sse(lines[0].substring("event: ".length()), lines[1].substring("data: ".length()));
                })
                .filter(event -> !event.event().equals("done"))
                .toList();
    }

    /** The JSON body of request {@code index}. */
    ObjectNode body(int index) {
        return ((RequestBody.Json) requests.get(index).body()).value();
    }

    ApiRequest last() {
        return requests.getLast();
    }

    @Override
    public synchronized JsonNode send(ApiRequest request) {
        requests.add(request);
        Object answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("no answer scripted for " + request);
        }
        if (answer instanceof RuntimeException error) {
            throw error;
        }
        return (JsonNode) answer;
    }

    @Override
    public synchronized EventStream stream(ApiRequest request) {
        requests.add(request);
        List<ServerSentEvent> events = streams.poll();
        if (events == null) {
            throw new AssertionError("no stream scripted for " + request);
        }
        Iterator<ServerSentEvent> iterator = events.iterator();
        return new EventStream() {
            @Override
            public Optional<ServerSentEvent> next() {
                return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
            }

            @Override
            public void close() {
                streamsClosed++;
            }
        };
    }

    @Override
    public synchronized byte[] download(ApiRequest request) {
        requests.add(request);
        return downloads.remove();
    }

    @Override
    public void close() {
        closed = true;
    }
}

package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an {@link Assistants4j} reaches the Assistants API: over HTTP to a server ({@link HttpTransport}), or in-process
 * to an engine inside this JVM (the embedded transport that {@code assistants4j-server} provides through
 * {@link EmbeddedTransportFactory}). The client above it shapes requests and reads answers; a transport only carries
 * them, so both transports give the same objects, events and errors.
 *
 * <p>Every method throws {@link ApiException} for an error answer (the subclass its status names, carrying OpenAI's
 * type, code and param) and {@link ApiConnectionException} when no answer came. Implementations are thread-safe: one
 * transport serves many calls at once.
 */
public interface Transport extends AutoCloseable {

    /** Sends {@code request} and returns the JSON object it is answered with. */
    JsonNode send(ApiRequest request);

    /**
     * Sends {@code request}, whose answer is a stream of server-sent events, and returns the stream as soon as it
     * starts; an error answered before the stream starts is thrown here.
     */
    EventStream stream(ApiRequest request);

    /** Sends {@code request} and returns the raw bytes it is answered with (a file's content). */
    byte[] download(ApiRequest request);

    /** Releases what the transport holds (connections; for the embedded one, the engine and its store). */
    @Override
    void close();
}

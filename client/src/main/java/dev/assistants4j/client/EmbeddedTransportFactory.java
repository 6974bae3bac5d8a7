package dev.assistants4j.client;

/**
 * Opens the in-process transport: an engine, its store and its providers inside this JVM, without an HTTP server.
 * {@code assistants4j-server} provides the implementation through {@link java.util.ServiceLoader}; with it on the class
 * path, {@link Assistants4j#embedded} finds it.
 */
public interface EmbeddedTransportFactory {

    /** Starts the engine described by {@code settings}; closing the transport stops it. */
    Transport open(EmbeddedSettings settings);
}

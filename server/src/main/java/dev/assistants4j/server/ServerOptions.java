package dev.assistants4j.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the server listens and stores its data.
 *
 * @param port 0 picks a free port
 * @param maxRequestBytes larger request bodies are refused with 413
 */
public record ServerOptions(String host, int port, Path dataDir, long maxRequestBytes) {

    /** The default body limit: 8 MiB, room for a thread created with many long messages. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 8L * 1024 * 1024;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
    }

    /** Localhost on a free port, with the default body limit. */
    public static ServerOptions local(Path dataDir) {
        return new ServerOptions("127.0.0.1", 0, dataDir, DEFAULT_MAX_REQUEST_BYTES);
    }
}

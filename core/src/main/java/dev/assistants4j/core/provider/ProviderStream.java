package dev.assistants4j.core.provider;

import java.util.Iterator;

/**
 * The events of one streamed answer, in arrival order, ending with exactly one {@link ProviderEvent.Finished}.
 * {@link #hasNext()} and {@link #next()} block until the provider sends more and throw {@link ProviderException}
 * when the stream breaks. Closing aborts the upstream request. Not thread-safe.
 */
public interface ProviderStream extends Iterator<ProviderEvent>, AutoCloseable {

    @Override
    void close();
}

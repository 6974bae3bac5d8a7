package dev.assistants4j.core.provider;

/**
 * A chat model behind some API. Implementations are thread-safe; {@link #stream} blocks while connecting and the
 * returned stream blocks on each event, which suits virtual threads.
 */
public interface LlmProvider {

    /**
     * Sends one chat request and streams the answer.
     *
     * @throws ProviderException if the request fails before the first event (for example a 401 or 429)
     */
    ProviderStream stream(ChatRequest request);
}

package dev.assistants4j.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat model behind the OpenAI chat-completions API: OpenAI itself, Azure OpenAI, or any compatible server (Ollama,
 * vLLM, LM Studio, LiteLLM…), called over the JDK HTTP client with HTTP/1.1 and always streamed.
 *
 * <p>Create one with {@link #openAi}, {@link #azure}, {@link #azureDeployments} or {@link #compatible}, adjust the builder, and share it: it is
 * thread-safe and holds one connection pool. {@link #stream} blocks until the upstream answers with headers (at most the
 * read timeout); the returned stream blocks on each event, and fails with a retriable {@link ProviderException} when the
 * upstream stays silent for the read timeout. Closing the stream, from any thread, aborts the HTTP request at once
 * (a blocked {@code hasNext()} then returns false, without a {@code Finished} event). The stream ends with exactly one
 * {@code Finished} after {@code [DONE]}, or after a finish reason when the body ends without {@code [DONE]}; it fails
 * with a retriable exception when the body ends without either. The API key never appears in exception messages or
 * logs.
 */
public final class OpenAiCompatibleProvider implements LlmProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final UpstreamHttp http;
    private final Function<String, URI> chatCompletions;
    private final ChatRequestMapper mapper;

    private OpenAiCompatibleProvider(Builder builder) {
        this.http = new UpstreamHttp(builder);
        this.chatCompletions = builder.chatCompletions;
        this.mapper = new ChatRequestMapper(JSON, builder.useMaxTokensField, builder.includeStreamUsage);
    }

    /**
     * OpenAI: {@code POST {baseUrl}/chat/completions} with {@code Authorization: Bearer} when a key is given.
     *
     * @param baseUrl e.g. {@code https://api.openai.com/v1}
     */
    public static Builder openAi(URI baseUrl, Optional<String> apiKey) {
        URI uri = Endpoints.openAi(baseUrl, "chat/completions");
        return new Builder(model -> uri, false).key("Authorization", "Bearer ", apiKey);
    }

    /**
     * Any OpenAI-compatible server: like {@link #openAi}, but sends {@code max_tokens} instead of {@code
     * max_completion_tokens}, which older servers do not know.
     *
     * @param baseUrl e.g. {@code http://localhost:11434/v1}
     */
    public static Builder compatible(URI baseUrl, Optional<String> apiKey) {
        return openAi(baseUrl, apiKey).useMaxTokensField(true);
    }

    /**
     * Azure OpenAI: {@code POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…} with an
     * {@code api-key} header.
     *
     * @param endpoint e.g. {@code https://my-resource.openai.azure.com}; one that already ends with {@code /openai} is
     *     accepted too
     */
    public static Builder azure(URI endpoint, String deployment, String apiVersion, String apiKey) {
        URI uri = Endpoints.azure(endpoint, deployment, apiVersion, "chat/completions");
        return azureKey(new Builder(model -> uri, false), apiKey);
    }

    /**
     * Azure OpenAI where each request's model is the deployment: {@code POST
     * {endpoint}/openai/deployments/{request model}/chat/completions?api-version=…}, for routes that pass the
     * requested name through (LiteLLM's {@code azure/*}).
     */
    public static Builder azureDeployments(URI endpoint, String apiVersion, String apiKey) {
        Endpoints.azure(endpoint, "deployment", apiVersion, "chat/completions"); // checks endpoint and version now
        return azureKey(
                new Builder(model -> Endpoints.azure(endpoint, model, apiVersion, "chat/completions"), false), apiKey);
    }

    private static Builder azureKey(Builder builder, String apiKey) {
        Endpoints.requireText(apiKey, "apiKey");
        return builder.header("api-key", apiKey);
    }

    /** The URL chat requests for {@code model} are sent to. */
    public URI chatCompletionsUri(String model) {
        return chatCompletions.apply(model);
    }

    /** The URL chat requests are sent to, for providers whose URL does not depend on the model. */
    public URI chatCompletionsUri() {
        return chatCompletions.apply("model");
    }

    @Override
    public ProviderStream stream(ChatRequest request) {
        URI uri = chatCompletions.apply(request.model());
        HttpResponse<InputStream> response = send(uri, request);
        InputStream body = response.body();
        IdleTimer idleTimer = IdleTimer.start(http.readTimeout(), () -> closeQuietly(body));
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            byte[] errorBody = ErrorBodies.read(body, idleTimer, MAX_ERROR_BODY_BYTES);
            LOG.debug("{} answered HTTP {} for model {}", uri, status, request.model());
            throw UpstreamErrors.ofStatus(status, errorBody, JSON, http.secrets());
        }
        return new SseStream(body, idleTimer, http.readTimeout(), new ChunkMapper(http.secrets()), JSON);
    }

    /** Stops the HTTP client, aborting requests still in progress. */
    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<InputStream> send(URI uri, ChatRequest request) {
        byte[] json = toJson(request);
        LOG.debug(
                "POST {} model={} messages={}",
                uri,
                request.model(),
                request.messages().size());
        try {
            return http.post(uri, json, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.debug("POST {} failed: {}", uri, e.getClass().getName());
            throw UpstreamErrors.ofTransport(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while calling the model provider", 0, false, e);
        }
    }

    private byte[] toJson(ChatRequest request) {
        try {
            return JSON.writeValueAsBytes(mapper.map(request));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // aborting anyway
        }
    }

    /**
     * Settings of an {@link OpenAiCompatibleProvider}. Defaults: connect timeout 10 s, read (idle) timeout 5 min,
     * {@code stream_options.include_usage} sent. Not thread-safe; {@link #build()} copies it.
     */
    public static final class Builder extends UpstreamHttp.Settings<Builder> {

        private final Function<String, URI> chatCompletions;
        private boolean useMaxTokensField;
        private boolean includeStreamUsage = true;

        private Builder(Function<String, URI> chatCompletions, boolean useMaxTokensField) {
            super(Duration.ofMinutes(5));
            this.chatCompletions = chatCompletions;
            this.useMaxTokensField = useMaxTokensField;
        }

        /**
         * Whether the token limit is sent as {@code max_tokens} (older and compatible servers) instead of {@code
         * max_completion_tokens} (OpenAI, Azure, required by o-series models). Only one of them is ever sent.
         */
        public Builder useMaxTokensField(boolean useMaxTokens) {
            this.useMaxTokensField = useMaxTokens;
            return this;
        }

        /**
         * Whether to ask for a usage chunk with {@code stream_options: {include_usage: true}}; turn it off for servers
         * (or old Azure API versions) that refuse {@code stream_options}.
         */
        public Builder includeStreamUsage(boolean include) {
            this.includeStreamUsage = include;
            return this;
        }

        /** A new provider with these settings and its own HTTP client. */
        public OpenAiCompatibleProvider build() {
            return new OpenAiCompatibleProvider(this);
        }
    }
}

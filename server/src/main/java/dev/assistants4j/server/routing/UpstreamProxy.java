package dev.assistants4j.server.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.server.config.ModelResolver;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ResolvedModel;
import dev.assistants4j.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes OpenAI-format requests ({@code chat/completions}, {@code embeddings}) through to the upstream of their model's
 * route, unchanged but for {@code model} (the upstream name) and the credentials (the route's key, never the
 * caller's). {@code mock/…} routes are answered here, offline; the chat completions of {@code anthropic/…} and {@code
 * gemini/…} routes are translated to the provider's native API and back ({@link TranslatedChatCompletions}). The upstream's answer comes
 * back as it arrives. A model name with several deployments, or with fallbacks, goes through the router's {@link
 * Failover} loop: an error status or an unreachable upstream is retried elsewhere before any byte is relayed.
 *
 * <p>Thread-safe; one shared HTTP client (HTTP/1.1, no redirects) serves every route. {@link #forward} blocks until
 * the upstream's response headers arrive, at most the response timeout. Close it to abort requests in progress.
 */
public final class UpstreamProxy implements AutoCloseable {

    /** The OpenAI operations this proxy passes through. */
    public enum Operation {
        CHAT_COMPLETIONS("chat/completions"),
        EMBEDDINGS("embeddings");

        private final String path;

        Operation(String path) {
            this.path = path;
        }

        /** The path below the API base, e.g. {@code chat/completions}. */
        public String path() {
            return path;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamProxy.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time to the response headers; long, because a non-streamed completion only answers when it is complete. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(10);

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final List<String> RELAYED_HEADERS = List.of("retry-after", "retry-after-ms");
    private static final String RATE_LIMIT_HEADERS = "x-ratelimit-";
    /** The providers spoken natively, whose chat completions are translated. */
    private static final Set<String> NATIVE = Set.of("anthropic", "gemini");

    private final ModelResolver resolver;
    private final Failover failover;
    private final Optional<Duration> routedTimeout;
    private final Clock clock;
    private final Duration responseTimeout;
    /** Built on a thread of its own: its TLS set-up (the default trust store) cost a tenth of the server's start. */
    private final CompletableFuture<HttpClient> http;
    /** The native providers of {@code anthropic/…} and {@code gemini/…} routes, whose chat completions are translated. */
    private final Map<ModelRoute, LlmProvider> nativeProviders = new ConcurrentHashMap<>();

    /** A proxy for the routes of {@code config}, with a 10 s connect and a 10 min response timeout. */
    public UpstreamProxy(ServerConfig config, Clock clock) {
        this(config, clock, CONNECT_TIMEOUT, RESPONSE_TIMEOUT);
    }

    /** As {@link #UpstreamProxy(ServerConfig, Clock)}, with other timeouts. */
    public UpstreamProxy(ServerConfig config, Clock clock, Duration connectTimeout, Duration responseTimeout) {
        this.resolver = config.resolver();
        this.failover = new Failover(new ModelGroups(config, resolver), config.router());
        this.routedTimeout = config.router().timeout();
        this.clock = clock;
        this.responseTimeout = responseTimeout;
        this.http = CompletableFuture.supplyAsync(
                () -> HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                task -> Thread.ofPlatform()
                        .daemon()
                        .name("upstream-client-init")
                        .start(task));
    }

    /** The route and upstream name of a requested model name, if the config serves it. */
    public Optional<ResolvedModel> resolve(String model) {
        return resolver.resolve(model);
    }

    /**
     * Sends {@code request} to the route's upstream with {@code model} replaced by the upstream name, or answers it
     * offline for a mock route. An upstream error's body is read here (bounded, the route's key removed); a
     * successful body is left to be read as it arrives.
     *
     * @throws UpstreamUnreachableException when the upstream cannot be reached or does not answer in time
     * @throws dev.assistants4j.core.error.InvalidRequestException when a mock route cannot read the request
     */
    public UpstreamResponse forward(Operation operation, ResolvedModel resolved, ObjectNode request) {
        String requested = request.path("model").asText("");
        ModelRoute first = resolved.route();
        if (!first.isWildcard() && first.modelName().equals(requested) && failover.routes(requested)) {
            return failover.call(
                    requested, deployment -> attempt(operation, deployment, request), RelayAttempts::unavailable);
        }
        return forward(operation, resolved, request, responseTimeout);
    }

    /**
     * One deployment's answer to a relayed request of a model with several deployments or fallbacks ({@link
     * Failover}): retried elsewhere only on an error status or an unreachable upstream, before any byte is relayed.
     */
    private Failover.Outcome<UpstreamResponse> attempt(Operation operation, Deployment deployment, ObjectNode request) {
        ResolvedModel resolved = new ResolvedModel(deployment.route(), deployment.upstreamModel());
        deployment.health().started();
        try {
            return RelayAttempts.of(
                    forward(operation, resolved, request.deepCopy(), routedTimeout.orElse(responseTimeout)));
        } catch (UpstreamUnreachableException e) {
            return RelayAttempts.of(e);
        } finally {
            deployment.health().ended(); // in flight until the answer's headers: the relay is the caller's
        }
    }

    private UpstreamResponse forward(
            Operation operation, ResolvedModel resolved, ObjectNode request, Duration timeout) {
        ModelRoute route = resolved.route();
        String upstreamModel = resolved.upstreamModel();
        request.put("model", upstreamModel);
        if (route.provider().equals("mock")) {
            return switch (operation) {
                case CHAT_COMPLETIONS ->
                    MockChatCompletions.answer(request, route.mockResponse().orElse(null), clock);
                case EMBEDDINGS -> MockEmbeddings.answer(request);
            };
        }
        if (NATIVE.contains(route.provider()) && operation == Operation.CHAT_COMPLETIONS) {
            return TranslatedChatCompletions.answer(
                    request, nativeProviders.computeIfAbsent(route, ProviderRouter::nativeProvider), clock);
        }
        URI uri = UpstreamEndpoints.operation(route, upstreamModel, operation.path());
        HttpResponse<InputStream> response =
                send(uri, route, HttpRequest.BodyPublishers.ofByteArray(toJson(request)), timeout);
        LOG.debug("POST {} for model {} -> HTTP {}", shown(uri), upstreamModel, response.statusCode());
        return response(response, route);
    }

    /**
     * {@code GET {base}/{path}} on an OpenAI-compatible route, e.g. {@code models} or {@code models/gpt-4o}: the
     * upstream's own model list, relayed as {@link #forward} relays.
     *
     * @throws UpstreamUnreachableException when the upstream cannot be reached or does not answer in time
     */
    public UpstreamResponse get(ModelRoute route, String path) {
        URI uri = UpstreamEndpoints.operation(route, "", path);
        HttpResponse<InputStream> response = send(uri, route, null, responseTimeout);
        LOG.debug("GET {} -> HTTP {}", shown(uri), response.statusCode());
        return response(response, route);
    }

    private static UpstreamResponse response(HttpResponse<InputStream> response, ModelRoute route) {
        String contentType = response.headers().firstValue("Content-Type").orElse("application/json");
        Map<String, String> headers = relayedHeaders(response.headers());
        if (response.statusCode() >= 200 && response.statusCode() <= 299) {
            return new UpstreamResponse(response.statusCode(), contentType, headers, response.body());
        }
        return UpstreamResponse.of(response.statusCode(), contentType, headers, errorBody(response, route));
    }

    /** Aborts requests in progress and releases the HTTP client. */
    @Override
    public void close() {
        http.join().shutdownNow();
        nativeProviders.values().forEach(UpstreamProxy::closeQuietly);
    }

    /** Sends a POST of {@code body}, or a GET when it is null. */
    private HttpResponse<InputStream> send(
            URI uri, ModelRoute route, HttpRequest.BodyPublisher body, Duration timeout) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (body == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", "application/json").POST(body);
        }
        UpstreamEndpoints.authHeaders(route).forEach(builder::header);
        try {
            return http.join().send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("Timed out connecting to the model provider.", false, uri, e);
        } catch (HttpTimeoutException e) {
            throw unreachable("The model provider did not answer in time.", true, uri, e);
        } catch (ConnectException e) {
            throw unreachable("Could not connect to the model provider.", false, uri, e);
        } catch (IOException e) {
            throw unreachable("The connection to the model provider failed.", false, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("Interrupted while calling the model provider.", false, uri, e);
        }
    }

    private static UpstreamUnreachableException unreachable(String message, boolean timedOut, URI uri, Exception e) {
        LOG.warn("Request to {} failed: {}", shown(uri), e.getClass().getName());
        return new UpstreamUnreachableException(message, timedOut, e);
    }

    /** The URL without user info or query, which could carry credentials. */
    private static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }

    /** The error body, at most 64 KiB, without the route's key should the upstream echo it. */
    private static byte[] errorBody(HttpResponse<InputStream> response, ModelRoute route) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY_BYTES);
            Optional<String> key = route.apiKey().filter(k -> k.length() >= 6);
            if (key.isEmpty()) {
                return bytes;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.replace(key.get(), "[redacted]").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.debug("Reading an upstream error body failed: {}", e.getClass().getName());
            return new byte[0];
        }
    }

    private static Map<String, String> relayedHeaders(HttpHeaders upstream) {
        Map<String, String> relayed = new LinkedHashMap<>();
        upstream.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!values.isEmpty() && (RELAYED_HEADERS.contains(lower) || lower.startsWith(RATE_LIMIT_HEADERS))) {
                relayed.put(lower, values.getFirst());
            }
        });
        return relayed;
    }

    private static void closeQuietly(LlmProvider provider) {
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing a provider failed: {}", e.getClass().getName());
            }
        }
    }

    private static byte[] toJson(ObjectNode request) {
        try {
            return Json.MAPPER.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

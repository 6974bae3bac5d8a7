package dev.assistants4j.server.routing;

import dev.assistants4j.core.engine.ModelRouter;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.providers.AnthropicProvider;
import dev.assistants4j.providers.GeminiProvider;
import dev.assistants4j.providers.OpenAiCompatibleProvider;
import dev.assistants4j.server.config.ModelResolver;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.RouterSettings;
import dev.assistants4j.server.config.ServerConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes a model name to a provider through the config ({@link ModelResolver}): {@code azure/…} to Azure OpenAI,
 * where the resolved name is the deployment, {@code anthropic/…} to Anthropic's Messages API spoken natively ({@link
 * AnthropicProvider}, {@code api_base} default {@code https://api.anthropic.com}), {@code gemini/…} to the Gemini API
 * spoken natively ({@link GeminiProvider}, {@code api_base} default {@code https://generativelanguage.googleapis.com}),
 * {@code mock/…} to the offline
 * mock, every other provider prefix to its
 * OpenAI-compatible chat-completions endpoint. Providers are built once per route and shared (an Azure provider
 * serves every deployment of its route). A model name with several {@code model_list} entries, or with fallbacks in
 * {@code router_settings}, is served by a {@link DeploymentRouter}. Thread-safe.
 */
public final class ProviderRouter implements ModelRouter {

    private final ModelResolver resolver;
    private final RouterSettings settings;
    private final Failover failover;
    private final Map<ModelRoute, LlmProvider> providers = new ConcurrentHashMap<>();
    private final Map<String, DeploymentRouter> routers = new ConcurrentHashMap<>();

    public ProviderRouter(ServerConfig config) {
        this.resolver = config.resolver();
        this.settings = config.router();
        this.failover = new Failover(new ModelGroups(config, resolver), settings);
    }

    /**
     * The route of {@code model}; a model name with several deployments, or with fallbacks, gets a {@link
     * DeploymentRouter} as its provider.
     */
    @Override
    public Optional<RoutedModel> route(String model) {
        return resolver.resolve(model).map(resolved -> {
            String name = resolved.route().modelName();
            boolean routed = !resolved.route().isWildcard() && name.equals(model) && failover.routes(name);
            LlmProvider provider = routed
                    ? routers.computeIfAbsent(
                            name, n -> new DeploymentRouter(n, failover, this::provider, settings.timeout()))
                    : provider(resolved.route());
            return new RoutedModel(
                    provider, resolved.upstreamModel(), resolved.route().supportsVision());
        });
    }

    private LlmProvider provider(ModelRoute route) {
        return providers.computeIfAbsent(route, ProviderRouter::create);
    }

    /** The native Anthropic provider of an {@code anthropic/…} route. */
    static AnthropicProvider anthropic(ModelRoute route) {
        URI apiBase = route.apiBase().map(URI::create).orElse(AnthropicProvider.DEFAULT_API_BASE);
        return AnthropicProvider.builder(apiBase, route.apiKey()).build();
    }

    /** The natively spoken provider of an {@code anthropic/…} or {@code gemini/…} route. */
    static LlmProvider nativeProvider(ModelRoute route) {
        return route.provider().equals("gemini") ? gemini(route) : anthropic(route);
    }

    /** The native Gemini provider of a {@code gemini/…} route. */
    static GeminiProvider gemini(ModelRoute route) {
        URI apiBase = route.apiBase().map(URI::create).orElse(GeminiProvider.DEFAULT_API_BASE);
        return GeminiProvider.builder(apiBase, route.apiKey()).build();
    }

    private static LlmProvider create(ModelRoute route) {
        return switch (route.provider()) {
            case "mock" -> new MockProvider(route.mockResponse().orElse(null));
            case "azure" ->
                OpenAiCompatibleProvider.azureDeployments(
                                URI.create(route.apiBase()
                                        .orElseThrow(() -> new IllegalStateException(
                                                "model " + route.modelName() + ": azure needs api_base"))),
                                route.apiVersion().orElse(UpstreamEndpoints.AZURE_DEFAULT_API_VERSION),
                                route.apiKey().orElse(""))
                        .build();
            case "anthropic" -> anthropic(route);
            case "gemini" -> gemini(route);
            case "openai" ->
                OpenAiCompatibleProvider.openAi(UpstreamEndpoints.baseUrl(route), route.apiKey())
                        .build();
            default ->
                OpenAiCompatibleProvider.compatible(UpstreamEndpoints.baseUrl(route), route.apiKey())
                        .build();
        };
    }
}

package dev.assistants4j.server.routing;

import dev.assistants4j.core.engine.ModelRouter;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.providers.OpenAiCompatibleProvider;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ServerConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes a model name to a provider through the config: {@code azure/…} to an Azure OpenAI deployment,
 * {@code mock/…} to the offline mock, every other provider prefix to its OpenAI-compatible chat-completions
 * endpoint. Providers are built once per route and shared. Thread-safe.
 */
public final class ProviderRouter implements ModelRouter {

    private final ServerConfig config;
    private final Map<ModelRoute, LlmProvider> providers = new ConcurrentHashMap<>();

    public ProviderRouter(ServerConfig config) {
        this.config = config;
    }

    @Override
    public Optional<RoutedModel> route(String model) {
        return config.route(model).map(route -> {
            LlmProvider provider = providers.computeIfAbsent(route, ProviderRouter::create);
            String upstream = route.model().equals("*") ? model : route.model();
            return new RoutedModel(provider, upstream);
        });
    }

    private static LlmProvider create(ModelRoute route) {
        return switch (route.provider()) {
            case "mock" -> new MockProvider(route.mockResponse().orElse(null));
            case "azure" ->
                OpenAiCompatibleProvider.azure(
                                URI.create(route.apiBase()
                                        .orElseThrow(() -> new IllegalStateException(
                                                "model " + route.modelName() + ": azure needs api_base"))),
                                route.model(),
                                route.apiVersion().orElse(AZURE_DEFAULT_API_VERSION),
                                route.apiKey().orElse(""))
                        .build();
            case "openai" ->
                OpenAiCompatibleProvider.openAi(URI.create(route.apiBase().orElse(OPENAI)), route.apiKey())
                        .build();
            default ->
                OpenAiCompatibleProvider.compatible(baseUrl(route), route.apiKey())
                        .build();
        };
    }

    private static final String OPENAI = "https://api.openai.com/v1";
    private static final String AZURE_DEFAULT_API_VERSION = "2024-10-21";

    /**
     * The chat-completions base URL of an OpenAI-compatible provider. Local servers configured LiteLLM-style without
     * a path (Ollama's {@code http://host:11434}, vLLM's {@code http://host:8000}) get their {@code /v1}.
     */
    private static URI baseUrl(ModelRoute route) {
        URI base = URI.create(route.apiBase().orElse(defaultBase(route.provider())));
        boolean local =
                route.provider().startsWith("ollama") || route.provider().contains("vllm");
        if (local
                && (base.getPath() == null
                        || base.getPath().isEmpty()
                        || base.getPath().equals("/"))) {
            return URI.create(base.toString().replaceAll("/$", "") + "/v1");
        }
        return base;
    }

    /** Public endpoints of the providers that have one; local servers need api_base. */
    private static String defaultBase(String provider) {
        return switch (provider) {
            case "groq" -> "https://api.groq.com/openai/v1";
            case "deepseek" -> "https://api.deepseek.com/v1";
            case "mistral" -> "https://api.mistral.ai/v1";
            case "openrouter" -> "https://openrouter.ai/api/v1";
            case "together_ai" -> "https://api.together.xyz/v1";
            case "fireworks_ai" -> "https://api.fireworks.ai/inference/v1";
            case "xai" -> "https://api.x.ai/v1";
            case "gemini" -> "https://generativelanguage.googleapis.com/v1beta/openai";
            case "anthropic" -> "https://api.anthropic.com/v1";
            case "ollama", "ollama_chat" -> "http://127.0.0.1:11434/v1";
            default -> OPENAI;
        };
    }
}

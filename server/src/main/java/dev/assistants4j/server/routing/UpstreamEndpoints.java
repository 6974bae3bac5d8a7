package dev.assistants4j.server.routing;

import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.config.ProviderDefaults;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a {@link ModelRoute}'s requests go and how they authenticate: OpenAI and OpenAI-compatible providers at
 * {@code {base}/{operation}} with {@code Authorization: Bearer}, Azure OpenAI at {@code
 * {api_base}/openai/deployments/{deployment}/{operation}?api-version=…} with {@code api-key}. Stateless.
 */
public final class UpstreamEndpoints {

    /** OpenAI's own base URL, for routes without {@code api_base}. */
    public static final String OPENAI_BASE = "https://api.openai.com/v1";

    /** The Azure OpenAI API version of routes without {@code api_version}. */
    public static final String AZURE_DEFAULT_API_VERSION = "2024-10-21";

    private UpstreamEndpoints() {}

    /**
     * The base URL of an OpenAI-compatible (non-Azure) route: its {@code api_base}, else the provider's public
     * endpoint. Local servers configured LiteLLM-style without a path (Ollama's {@code http://host:11434}, vLLM's
     * {@code http://host:8000}) get their {@code /v1}.
     */
    public static URI baseUrl(ModelRoute route) {
        URI base = URI.create(route.apiBase().orElse(defaultBase(route.provider())));
        if (route.provider().equals("gemini")) {
            return geminiOpenAiBase(base);
        }
        boolean local =
                route.provider().startsWith("ollama") || route.provider().contains("vllm");
        if (local
                && (base.getPath() == null
                        || base.getPath().isEmpty()
                        || base.getPath().equals("/"))) {
            return URI.create(trimSlashes(base.toString()) + "/v1");
        }
        return base;
    }

    /**
     * The URL of one operation for {@code upstreamModel} (Azure: the deployment), for example {@code
     * chat/completions} or {@code embeddings}.
     *
     * @throws IllegalStateException for an Azure route without {@code api_base}
     */
    public static URI operation(ModelRoute route, String upstreamModel, String operation) {
        if (!route.provider().equals("azure")) {
            return URI.create(trimSlashes(baseUrl(route).toString()) + "/" + operation);
        }
        String root = trimSlashes(route.apiBase()
                .orElseThrow(() -> new IllegalStateException("model " + route.modelName() + ": azure needs api_base")));
        String openai = root.endsWith("/openai") ? root : root + "/openai";
        return URI.create(openai + "/deployments/" + encode(upstreamModel) + "/" + operation + "?api-version="
                + encode(route.apiVersion().orElse(AZURE_DEFAULT_API_VERSION)));
    }

    /** The headers carrying the route's key ({@code api-key} for Azure, else a bearer token); none without a key. */
    public static Map<String, String> authHeaders(ModelRoute route) {
        return route.apiKey()
                .filter(key -> !key.isBlank())
                .map(key -> route.provider().equals("azure")
                        ? Map.of("api-key", key)
                        : Map.of("Authorization", "Bearer " + key))
                .orElse(Map.of());
    }

    /**
     * Gemini's OpenAI-compatible endpoint (the {@code /v1/embeddings} relay of {@code gemini/…} routes goes there;
     * file_search embeds through the native {@code GeminiEmbedder}) below a route's {@code
     * api_base}, which for the native chat adapter is the API's root: {@code {root}/v1beta/openai}. A base that already
     * names a path below the root is taken as it is.
     */
    private static URI geminiOpenAiBase(URI base) {
        String root = trimSlashes(base.toString());
        String path = base.getPath() == null ? "" : trimSlashes(base.getPath());
        return switch (path) {
            case "" -> URI.create(root + "/v1beta/openai");
            case "/v1beta" -> URI.create(root + "/openai");
            default -> base;
        };
    }

    /**
     * The provider's endpoint for routes built without {@code api_base}: {@link ProviderDefaults}' (config-parsed
     * routes already carry it), Gemini's and Anthropic's API roots, else OpenAI's.
     */
    private static String defaultBase(String provider) {
        return switch (provider) {
            case "gemini" -> "https://generativelanguage.googleapis.com";
            case "anthropic" -> "https://api.anthropic.com/v1";
            default -> ProviderDefaults.defaultBase(provider).orElse(OPENAI_BASE);
        };
    }

    private static String trimSlashes(String url) {
        String text = url;
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

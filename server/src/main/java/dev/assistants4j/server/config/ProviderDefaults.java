package dev.assistants4j.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a LiteLLM provider prefix means when an entry leaves {@code api_base} or {@code api_key} out, as LiteLLM reads
 * it: the first set variable of {@code baseVariables}, else {@code apiBase}; the first set variable of {@code
 * keyVariables}. The one table of these defaults; {@code api_base} and {@code api_key} in the config override it.
 *
 * @param apiBase the public or local endpoint; empty where the provider has none ({@code azure}, {@code
 *     hosted_vllm}) or where its native adapter owns the default ({@code anthropic}, {@code gemini})
 */
public record ProviderDefaults(
        String provider, Optional<String> apiBase, List<String> baseVariables, List<String> keyVariables) {

    private static final Map<String, ProviderDefaults> TABLE = table(
            row("openai", "https://api.openai.com/v1", List.of("OPENAI_BASE_URL", "OPENAI_API_BASE"), "OPENAI_API_KEY"),
            row("azure", null, List.of("AZURE_API_BASE"), "AZURE_OPENAI_API_KEY", "AZURE_API_KEY"),
            row("anthropic", null, List.of("ANTHROPIC_API_BASE", "ANTHROPIC_BASE_URL"), "ANTHROPIC_API_KEY"),
            row("gemini", null, List.of("GEMINI_API_BASE"), "GEMINI_API_KEY"),
            row("ollama", "http://localhost:11434", List.of("OLLAMA_API_BASE"), "OLLAMA_API_KEY"),
            row("ollama_chat", "http://localhost:11434", List.of("OLLAMA_API_BASE"), "OLLAMA_API_KEY"),
            row("hosted_vllm", null, List.of("HOSTED_VLLM_API_BASE"), "HOSTED_VLLM_API_KEY"),
            row("groq", "https://api.groq.com/openai/v1", List.of("GROQ_API_BASE"), "GROQ_API_KEY"),
            row(
                    "mistral",
                    "https://api.mistral.ai/v1",
                    List.of("MISTRAL_AZURE_API_BASE", "MISTRAL_API_BASE"),
                    "MISTRAL_AZURE_API_KEY",
                    "MISTRAL_API_KEY"),
            row("deepseek", "https://api.deepseek.com/beta", List.of("DEEPSEEK_API_BASE"), "DEEPSEEK_API_KEY"),
            row(
                    "together_ai",
                    "https://api.together.xyz/v1",
                    List.of("TOGETHER_AI_API_BASE"),
                    "TOGETHER_API_KEY",
                    "TOGETHER_AI_API_KEY",
                    "TOGETHERAI_API_KEY",
                    "TOGETHER_AI_TOKEN"),
            row(
                    "openrouter",
                    "https://openrouter.ai/api/v1",
                    List.of("OPENROUTER_API_BASE"),
                    "OPENROUTER_API_KEY",
                    "OR_API_KEY"),
            row(
                    "fireworks_ai",
                    "https://api.fireworks.ai/inference/v1",
                    List.of("FIREWORKS_API_BASE"),
                    "FIREWORKS_API_KEY",
                    "FIREWORKS_AI_API_KEY",
                    "FIREWORKSAI_API_KEY",
                    "FIREWORKS_AI_TOKEN"),
            row("xai", "https://api.x.ai/v1", List.of("XAI_API_BASE"), "XAI_API_KEY"),
            row("lm_studio", "http://localhost:1234/v1", List.of("LM_STUDIO_API_BASE"), "LM_STUDIO_API_KEY"));

    public ProviderDefaults {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(apiBase, "apiBase");
        baseVariables = List.copyOf(baseVariables);
        keyVariables = List.copyOf(keyVariables);
    }

    /** The defaults of {@code provider}, or empty for a prefix without any ({@code mock}, {@code custom_openai}). */
    public static Optional<ProviderDefaults> of(String provider) {
        return Optional.ofNullable(TABLE.get(provider));
    }

    /** Every provider of the table, in its order. */
    public static List<ProviderDefaults> all() {
        return List.copyOf(TABLE.values());
    }

    /** The public or local endpoint of {@code provider}, if it has one. */
    public static Optional<String> defaultBase(String provider) {
        return of(provider).flatMap(ProviderDefaults::apiBase);
    }

    /**
     * The base URL from the first set base variable, checked as an http(s) URL; without one, requests go to {@link
     * #apiBase} (see {@code UpstreamEndpoints}).
     */
    Optional<String> baseFromEnvironment(Env env) {
        for (String variable : baseVariables) {
            Optional<String> value = env.get(variable).filter(url -> !url.isBlank());
            if (value.isPresent()) {
                return value.map(url -> ConfigContext.httpUrl(url, "environment", variable));
            }
        }
        return Optional.empty();
    }

    /** The key from the first set key variable. */
    Optional<String> key(Env env) {
        return keyVariables.stream()
                .map(env::get)
                .flatMap(Optional::stream)
                .filter(key -> !key.isBlank())
                .findFirst();
    }

    private static ProviderDefaults row(String provider, String apiBase, List<String> bases, String... keys) {
        return new ProviderDefaults(provider, Optional.ofNullable(apiBase), bases, List.of(keys));
    }

    private static Map<String, ProviderDefaults> table(ProviderDefaults... rows) {
        LinkedHashMap<String, ProviderDefaults> byProvider = new LinkedHashMap<>();
        for (ProviderDefaults row : rows) {
            byProvider.put(row.provider(), row);
        }
        return Collections.unmodifiableMap(byProvider);
    }
}

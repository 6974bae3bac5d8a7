package dev.assistants4j.providers;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of OpenAI-style operations ({@code chat/completions}, {@code embeddings}) on OpenAI-compatible servers and on
 * Azure OpenAI deployments, and of Gemini's methods. Stateless, thread-safe.
 */
final class Endpoints {

    private Endpoints() {}

    /** {@code {baseUrl}/{operation}}, e.g. {@code https://api.openai.com/v1/embeddings}. */
    static URI openAi(URI baseUrl, String operation) {
        return URI.create(trimSlashes(baseUrl) + "/" + operation);
    }

    /**
     * {@code {endpoint}/openai/deployments/{deployment}/{operation}?api-version=…}; an endpoint that already ends with
     * {@code /openai} is accepted too.
     */
    static URI azure(URI endpoint, String deployment, String apiVersion, String operation) {
        requireText(deployment, "deployment");
        requireText(apiVersion, "apiVersion");
        String root = trimSlashes(endpoint);
        String openai = root.endsWith("/openai") ? root : root + "/openai";
        return URI.create(openai + "/deployments/" + encode(deployment).replace("+", "%20") + "/" + operation
                + "?api-version=" + encode(apiVersion));
    }

    /**
     * A Gemini model's resource name: one with a collection ({@code models/…}, {@code tunedModels/…}) as it is, any
     * other as a {@code models/} name.
     */
    static String geminiModel(String model) {
        return model.contains("/") ? model : "models/" + model;
    }

    /**
     * {@code {apiBase}/v1beta/{model}:{method}}, e.g. {@code …/v1beta/models/gemini-2.5-flash:generateContent}, where
     * the API's root is {@code apiBase} without {@code /v1beta}.
     */
    static URI gemini(URI apiBase, String model, String method) {
        requireText(model, "model");
        String path = encode(geminiModel(model)).replace("%2F", "/");
        return URI.create(trimSlashes(apiBase) + "/v1beta/" + path + ":" + method);
    }

    /** A timeout setting: positive, else {@link IllegalArgumentException} naming it. */
    static java.time.Duration requirePositive(java.time.Duration duration, String name) {
        if (duration == null || !duration.isPositive()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return duration;
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** The URL without trailing slashes and without {@code suffix} (e.g. {@code /v1}) should it end with it. */
    static URI withoutSuffix(URI apiBase, String suffix) {
        String text = trimSlashes(apiBase);
        return URI.create(text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text);
    }

    private static String trimSlashes(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package dev.assistants4j.server.config;

import dev.assistants4j.core.access.Price;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code model_list} entry: the public model name and where requests for it go.
 *
 * @param modelName the name clients send ({@code model_name}); each {@code *} matches any text ({@link ModelResolver})
 * @param provider the provider prefix of {@code litellm_params.model}, for example {@code openai} or {@code azure}
 * @param model the upstream model or deployment name, without the provider prefix; a {@code *} in it takes what the
 *     wildcard of {@code modelName} matched
 * @param mockResponse with the {@code mock} provider: the fixed answer ({@code litellm_params.mock_response})
 * @param supportsVision whether the model takes images ({@code model_info.supports_vision}, default true)
 * @param price its price per token ({@code model_info.input_cost_per_token} and {@code output_cost_per_token}), if
 *     the config gives one
 * @param weight its share of its model name's calls when several entries have that name (simple-shuffle)
 */
public record ModelRoute(
        String modelName,
        String provider,
        String model,
        Optional<String> apiBase,
        Optional<String> apiKey,
        Optional<String> apiVersion,
        Optional<String> mockResponse,
        boolean supportsVision,
        Optional<Price> price,
        DeploymentWeight weight) {

    public ModelRoute {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mockResponse, "mockResponse");
    }

    /** A route without a price (the built-in list prices apply) or a weight ({@link DeploymentWeight#NONE}). */
    public ModelRoute(
            String modelName,
            String provider,
            String model,
            Optional<String> apiBase,
            Optional<String> apiKey,
            Optional<String> apiVersion,
            Optional<String> mockResponse,
            boolean supportsVision) {
        this(
                modelName,
                provider,
                model,
                apiBase,
                apiKey,
                apiVersion,
                mockResponse,
                supportsVision,
                Optional.empty(),
                DeploymentWeight.NONE);
    }

    /** A route to a model that takes images, without a mock response. */
    public ModelRoute(
            String modelName,
            String provider,
            String model,
            Optional<String> apiBase,
            Optional<String> apiKey,
            Optional<String> apiVersion) {
        this(modelName, provider, model, apiBase, apiKey, apiVersion, Optional.empty(), true);
    }

    /** True when {@code model_name} is a pattern ({@code "*"}, {@code "azure/*"}) rather than one name. */
    public boolean isWildcard() {
        return modelName.contains("*");
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ModelRoute[" + modelName + " -> " + provider + "/" + model
                + apiBase.map(b -> " @ " + b).orElse("") + "]";
    }
}

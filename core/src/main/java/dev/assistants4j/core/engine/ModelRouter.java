package dev.assistants4j.core.engine;

import dev.assistants4j.core.provider.LlmProvider;
import java.util.Optional;

/** Finds the provider and upstream model name for a model name clients use. Thread-safe. */
public interface ModelRouter {

    /** The route of {@code model}, or empty when the deployment does not serve it. */
    Optional<RoutedModel> route(String model);

    /**
     * A provider and the model name to send it.
     *
     * @param upstreamModel the name the provider knows (the deployment, for Azure)
     * @param supportsVision false when the model takes no images: a run whose prompt has one fails instead of calling
     *     it
     */
    record RoutedModel(LlmProvider provider, String upstreamModel, boolean supportsVision) {

        /** A model that takes images. */
        public RoutedModel(LlmProvider provider, String upstreamModel) {
            this(provider, upstreamModel, true);
        }
    }
}

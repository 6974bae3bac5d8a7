package dev.assistants4j.server.routing;

import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import dev.assistants4j.server.config.ModelRoute;
import dev.assistants4j.server.routing.Failover.Kind;
import dev.assistants4j.server.routing.Failover.Outcome;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The provider of a model name with several deployments or with fallbacks: each call goes through the {@link
 * Failover} loop, and counts as answered once its stream produced its first event ({@link FirstEvent}). Until then
 * nothing of it can have reached a client, so a failure may be retried elsewhere; after it, failures reach the run as
 * from any provider. Thread-safe.
 */
final class DeploymentRouter implements LlmProvider {

    private final String modelName;
    private final Failover failover;
    private final Function<ModelRoute, LlmProvider> providers;
    private final Optional<Duration> timeout;

    DeploymentRouter(
            String modelName,
            Failover failover,
            Function<ModelRoute, LlmProvider> providers,
            Optional<Duration> timeout) {
        this.modelName = modelName;
        this.failover = failover;
        this.providers = providers;
        this.timeout = timeout;
    }

    @Override
    public ProviderStream stream(ChatRequest request) {
        return failover.call(modelName, deployment -> attempt(deployment, request), message -> {
            throw new ProviderException(message, 503, true, null);
        });
    }

    private Outcome<ProviderStream> attempt(Deployment deployment, ChatRequest request) {
        deployment.health().started();
        try {
            ProviderStream stream = FirstEvent.open(
                    providers.apply(deployment.route()), withModel(request, deployment.upstreamModel()), timeout);
            return new Outcome.Answered<>(new TrackedStream(stream, deployment.health()));
        } catch (ProviderException e) {
            deployment.health().ended();
            return new Outcome.Failed<>(kind(e), e.status(), () -> {
                throw e;
            });
        } catch (RuntimeException e) {
            deployment.health().ended();
            throw e;
        }
    }

    private static Kind kind(ProviderException failure) {
        if (failure.contextWindowExceeded()) {
            return Kind.CONTEXT_WINDOW;
        }
        return failure.retriable() ? Kind.FAILOVER : Kind.REFUSED;
    }

    private static ChatRequest withModel(ChatRequest r, String model) {
        return new ChatRequest(
                model,
                r.messages(),
                r.tools(),
                r.toolChoice(),
                r.parallelToolCalls(),
                r.temperature(),
                r.topP(),
                r.maxCompletionTokens(),
                r.responseFormat(),
                r.reasoningEffort());
    }
}

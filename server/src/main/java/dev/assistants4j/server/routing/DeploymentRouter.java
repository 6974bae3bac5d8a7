package dev.assistants4j.server.routing;

import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.core.provider.LlmProvider;
import dev.assistants4j.core.provider.ProviderException;
import dev.assistants4j.core.provider.ProviderStream;
import dev.assistants4j.server.config.RouterSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider of a model name with several deployments or with fallbacks, as LiteLLM's router: each call goes to a
 * deployment picked by the routing strategy; a call that fails before its first event (5xx, 429, timeout, connection
 * failure) is tried on up to {@code num_retries} other deployments, then on the {@code fallbacks} models; a prompt too
 * long for the model goes to its {@code context_window_fallbacks}. Once the stream has produced an event, nothing is
 * retried here: failures reach the run as from any provider. A deployment failing more than {@code allowed_fails}
 * times a minute gets no calls for {@code cooldown_time} (unless it is its model's only one). Which deployment
 * answered is logged at DEBUG, failovers at INFO, never with keys or contents. Thread-safe.
 */
final class DeploymentRouter implements LlmProvider {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRouter.class);

    private final String modelName;
    private final ModelGroups groups;
    private final RouterSettings settings;
    private final DeploymentPicker picker;

    DeploymentRouter(String modelName, ModelGroups groups, RouterSettings settings) {
        this.modelName = modelName;
        this.groups = groups;
        this.settings = settings;
        this.picker = DeploymentPicker.of(settings.strategy());
    }

    @Override
    public ProviderStream stream(ChatRequest request) {
        try {
            return fromGroup(modelName, request);
        } catch (ProviderException primary) {
            ProviderException last = primary;
            for (String fallback : fallbacksAfter(primary)) {
                try {
                    ProviderStream answer = fromGroup(fallback, request);
                    LOG.info(
                            "Model {} failed (status {}); its fallback {} answered",
                            modelName,
                            primary.status(),
                            fallback);
                    return answer;
                } catch (ProviderException e) {
                    last = e;
                }
            }
            throw last;
        }
    }

    private List<String> fallbacksAfter(ProviderException failure) {
        if (failure.contextWindowExceeded()) {
            return settings.contextWindowFallbacks().getOrDefault(modelName, List.of());
        }
        return failover(failure) ? settings.fallbacks().getOrDefault(modelName, List.of()) : List.of();
    }

    /** Whether another deployment may succeed where this one failed: not a refusal of the request itself. */
    private static boolean failover(ProviderException failure) {
        return failure.retriable() && !failure.contextWindowExceeded();
    }

    private ProviderStream fromGroup(String name, ChatRequest request) {
        List<Deployment> group = groups.group(name);
        if (group.isEmpty()) {
            throw new ProviderException("No deployment serves the model '" + name + "'.", 404, false, null);
        }
        Set<Deployment> tried = new HashSet<>();
        ProviderException last = null;
        for (int attempt = 0; attempt <= settings.numRetries(); attempt++) {
            long now = System.nanoTime();
            List<Deployment> candidates = group.stream()
                    .filter(d -> !tried.contains(d) && d.health().available(now))
                    .toList();
            if (candidates.isEmpty()) {
                break;
            }
            Deployment deployment = picker.pick(candidates);
            tried.add(deployment);
            try {
                return open(name, deployment, request);
            } catch (ProviderException e) {
                last = e;
                if (!failover(e)) {
                    throw e;
                }
                failed(name, group, deployment, e);
            }
        }
        if (last == null) {
            throw new ProviderException(
                    "Every deployment of the model '" + name + "' is cooling down after failures.", 503, true, null);
        }
        throw last;
    }

    private ProviderStream open(String name, Deployment deployment, ChatRequest request) {
        deployment.health().started();
        long start = System.nanoTime();
        try {
            ProviderStream stream = FirstEvent.open(
                    deployment.provider(), withModel(request, deployment.upstreamModel()), settings.timeout());
            deployment.health().answered(System.nanoTime() - start);
            LOG.debug("Model {} answered by deployment {}", name, deployment.shown());
            return new TrackedStream(stream, deployment.health());
        } catch (RuntimeException e) {
            deployment.health().ended();
            throw e;
        }
    }

    private void failed(String name, List<Deployment> group, Deployment deployment, ProviderException e) {
        LOG.info("Model {}: deployment {} failed before answering (status {})", name, deployment.shown(), e.status());
        if (group.size() > 1
                && deployment.health().failed(System.nanoTime(), settings.allowedFails(), settings.cooldownTime())) {
            LOG.info("Model {}: deployment {} cooled down for {}", name, deployment.shown(), settings.cooldownTime());
        }
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

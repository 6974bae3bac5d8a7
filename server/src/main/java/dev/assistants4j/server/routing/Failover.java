package dev.assistants4j.server.routing;

import dev.assistants4j.server.config.RouterSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiteLLM's router loop, for run calls ({@link DeploymentRouter}) and relays ({@link UpstreamProxy}) alike: a
 * deployment picked by the routing strategy; on a failure worth it (5xx, 429, timeout, connection failure) up to
 * {@code num_retries} other deployments of the model, then its {@code fallbacks}; a prompt too long for the model goes
 * to its {@code context_window_fallbacks}. A deployment failing more than {@code allowed_fails} times a minute gets no
 * calls for {@code cooldown_time}, unless it is its model's only one. Which deployment answered is logged at DEBUG,
 * failovers at INFO, never with keys or contents. Thread-safe.
 */
final class Failover {

    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    private final ModelGroups groups;
    private final RouterSettings settings;
    private final DeploymentPicker picker;

    Failover(ModelGroups groups, RouterSettings settings) {
        this.groups = groups;
        this.settings = settings;
        this.picker = DeploymentPicker.of(settings.strategy());
    }

    /** Whether {@code modelName} is routed here: several deployments, or fallbacks. */
    boolean routes(String modelName) {
        return groups.size(modelName) > 1 || settings.hasFallbacks(modelName);
    }

    /** One attempt on one deployment. */
    @FunctionalInterface
    interface Attempt<T> {
        Outcome<T> call(Deployment deployment);
    }

    /** How an attempt ended. */
    sealed interface Outcome<T> {

        /** The deployment answered: nothing more is tried. */
        record Answered<T>(T value) implements Outcome<T> {}

        /**
         * The deployment failed before answering.
         *
         * @param result the caller's result should nothing else answer: the failure thrown, or an error returned
         */
        record Failed<T>(Kind kind, int status, Supplier<T> result) implements Outcome<T> {}
    }

    /** What a failure allows. */
    enum Kind {
        /** Another deployment may succeed: 5xx, 429, timeouts, connection failures. */
        FAILOVER,
        /** The prompt is too long for the model: its context-window fallbacks may take it. */
        CONTEXT_WINDOW,
        /** The request itself was refused (400, 401, ...): returned as it is. */
        REFUSED
    }

    /**
     * The first answer of {@code modelName}'s deployments or fallbacks, else the last failure's result.
     *
     * @param none the result when no deployment could be tried (all cooling down), given a message for the client
     */
    <T> T call(String modelName, Attempt<T> attempt, Function<String, T> none) {
        Outcome<T> primary = fromGroup(modelName, attempt, none);
        if (!(primary instanceof Outcome.Failed<T> failed)) {
            return ((Outcome.Answered<T>) primary).value();
        }
        Outcome.Failed<T> last = failed;
        for (String fallback : fallbacksAfter(modelName, failed.kind())) {
            if (groups.group(fallback).isEmpty()) {
                LOG.warn("Model {}: its fallback {} is not a model of the config", modelName, fallback);
                continue;
            }
            Outcome<T> outcome = fromGroup(fallback, attempt, none);
            if (outcome instanceof Outcome.Answered<T> answered) {
                LOG.info("Model {} failed (status {}); its fallback {} answered", modelName, failed.status(), fallback);
                return answered.value();
            }
            last = (Outcome.Failed<T>) outcome;
        }
        return last.result().get();
    }

    private List<String> fallbacksAfter(String modelName, Kind kind) {
        return switch (kind) {
            case CONTEXT_WINDOW -> settings.contextWindowFallbacks().getOrDefault(modelName, List.of());
            case FAILOVER -> settings.fallbacks().getOrDefault(modelName, List.of());
            case REFUSED -> List.of();
        };
    }

    private <T> Outcome<T> fromGroup(String name, Attempt<T> attempt, Function<String, T> none) {
        List<Deployment> group = groups.group(name);
        Set<Deployment> tried = new HashSet<>();
        Outcome<T> last = null;
        for (int i = 0; i <= settings.numRetries(); i++) {
            long now = System.nanoTime();
            List<Deployment> candidates = group.stream()
                    .filter(d -> !tried.contains(d) && d.health().available(now))
                    .toList();
            if (candidates.isEmpty()) {
                break;
            }
            Deployment deployment = picker.pick(candidates);
            tried.add(deployment);
            Outcome<T> outcome = timed(deployment, attempt);
            if (!(outcome instanceof Outcome.Failed<T> failed)) {
                LOG.debug("Model {} answered by deployment {}", name, deployment.shown());
                return outcome;
            }
            last = outcome;
            if (failed.kind() != Kind.FAILOVER) {
                return outcome;
            }
            failed(name, group, deployment, failed.status());
        }
        return last != null ? last : unavailable(name, group, none);
    }

    private static <T> Outcome<T> timed(Deployment deployment, Attempt<T> attempt) {
        long start = System.nanoTime();
        Outcome<T> outcome = attempt.call(deployment);
        if (outcome instanceof Outcome.Answered<T>) {
            deployment.health().answered(System.nanoTime() - start);
        }
        return outcome;
    }

    private void failed(String name, List<Deployment> group, Deployment deployment, int status) {
        LOG.info("Model {}: deployment {} failed before answering (status {})", name, deployment.shown(), status);
        if (group.size() > 1
                && deployment.health().failed(System.nanoTime(), settings.allowedFails(), settings.cooldownTime())) {
            LOG.info("Model {}: deployment {} cooled down for {}", name, deployment.shown(), settings.cooldownTime());
        }
    }

    private static <T> Outcome<T> unavailable(String name, List<Deployment> group, Function<String, T> none) {
        String message = group.isEmpty()
                ? "No deployment serves the model '" + name + "'."
                : "Every deployment of the model '" + name + "' is cooling down after failures; try again shortly.";
        return new Outcome.Failed<>(Kind.FAILOVER, 503, () -> none.apply(message));
    }
}

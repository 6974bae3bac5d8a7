package dev.assistants4j.server.routing;

import dev.assistants4j.server.config.DeploymentWeight;
import dev.assistants4j.server.config.RouterSettings.Strategy;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;

/** Picks the deployment a call goes to, by {@code routing_strategy}. Implementations are stateless and thread-safe. */
sealed interface DeploymentPicker {

    /** One of {@code candidates}, which is not empty. */
    Deployment pick(List<Deployment> candidates);

    static DeploymentPicker of(Strategy strategy) {
        return switch (strategy) {
            case SIMPLE_SHUFFLE -> new SimpleShuffle();
            case LEAST_BUSY -> new Lowest(d -> d.health().inFlight());
            case LATENCY_BASED -> new Lowest(d -> d.health().latencyNanos());
        };
    }

    /**
     * Weighted random, as LiteLLM's simple-shuffle: by {@code weight} when any candidate sets one, else by {@code rpm},
     * else by {@code tpm} (a candidate without the value weighs 0), else uniform.
     */
    record SimpleShuffle() implements DeploymentPicker {

        @Override
        public Deployment pick(List<Deployment> candidates) {
            ToDoubleFunction<DeploymentWeight> weigh = weighing(candidates);
            double total = 0;
            for (Deployment d : candidates) {
                total += weigh.applyAsDouble(d.route().weight());
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (!(total > 0)) {
                return candidates.get(random.nextInt(candidates.size()));
            }
            double point = random.nextDouble(total);
            for (Deployment d : candidates) {
                point -= weigh.applyAsDouble(d.route().weight());
                if (point < 0) {
                    return d;
                }
            }
            return candidates.getLast();
        }

        private static ToDoubleFunction<DeploymentWeight> weighing(List<Deployment> candidates) {
            if (candidates.stream().anyMatch(d -> d.route().weight().weight().isPresent())) {
                return w -> w.weight().orElse(0);
            }
            if (candidates.stream().anyMatch(d -> d.route().weight().rpm().isPresent())) {
                return w -> w.rpm().orElse(0);
            }
            if (candidates.stream().anyMatch(d -> d.route().weight().tpm().isPresent())) {
                return w -> w.tpm().orElse(0);
            }
            return w -> 1;
        }
    }

    /** The candidate with the lowest measure (calls in flight, or latency); ties are broken at random. */
    record Lowest(ToDoubleFunction<Deployment> measure) implements DeploymentPicker {

        @Override
        public Deployment pick(List<Deployment> candidates) {
            double best = candidates.stream().mapToDouble(measure).min().orElseThrow();
            List<Deployment> lowest = candidates.stream()
                    .filter(d -> measure.applyAsDouble(d) == best)
                    .toList();
            return lowest.get(ThreadLocalRandom.current().nextInt(lowest.size()));
        }
    }
}

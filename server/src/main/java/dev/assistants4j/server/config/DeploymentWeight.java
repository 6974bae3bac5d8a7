package dev.assistants4j.server.config;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What simple-shuffle weighs a deployment by, as LiteLLM does: {@code litellm_params.weight}, else its {@code rpm},
 * else its {@code tpm} (each also read from the {@code model_list} entry itself). Immutable.
 *
 * @param weight the relative share of calls ({@code weight})
 * @param rpm requests per minute the deployment takes ({@code rpm})
 * @param tpm tokens per minute the deployment takes ({@code tpm})
 */
public record DeploymentWeight(OptionalDouble weight, OptionalLong rpm, OptionalLong tpm) {

    /** A deployment with none of the three: its group is shuffled uniformly unless another one sets them. */
    public static final DeploymentWeight NONE =
            new DeploymentWeight(OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty());

    public DeploymentWeight {
        java.util.Objects.requireNonNull(weight, "weight");
        java.util.Objects.requireNonNull(rpm, "rpm");
        java.util.Objects.requireNonNull(tpm, "tpm");
    }
}

package dev.assistants4j.core.access;

/**
 * What a model costs, in US dollars per token, with LiteLLM's names ({@code input_cost_per_token}, {@code
 * output_cost_per_token}).
 */
public record Price(double inputCostPerToken, double outputCostPerToken) {

    /** Free: an unknown model. */
    public static final Price ZERO = new Price(0, 0);

    /** The price of {@code promptTokens} in and {@code completionTokens} out. */
    public double cost(long promptTokens, long completionTokens) {
        return promptTokens * inputCostPerToken + completionTokens * outputCostPerToken;
    }

    /** A price given per million tokens, as providers list them. */
    static Price perMillion(double input, double output) {
        return new Price(input / 1_000_000, output / 1_000_000);
    }
}

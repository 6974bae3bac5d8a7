package dev.assistants4j.core.domain;

/** Token counts of a run or a run step. */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0);

    /** Counts with the total derived. */
    public static Usage of(long promptTokens, long completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** The sum of two counts. */
    public Usage plus(Usage other) {
        return of(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}

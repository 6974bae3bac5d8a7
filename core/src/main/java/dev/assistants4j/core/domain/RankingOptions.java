package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How file_search ranks results.
 *
 * @param ranker {@code auto} or {@code default_2024_08_21}
 * @param scoreThreshold 0..1; results below it are dropped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RankingOptions(String ranker, Double scoreThreshold) {}

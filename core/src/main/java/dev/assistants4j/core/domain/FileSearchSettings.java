package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Overrides for the file_search tool.
 *
 * @param maxNumResults 1..50, null for the default (20)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileSearchSettings(Integer maxNumResults, RankingOptions rankingOptions) {}

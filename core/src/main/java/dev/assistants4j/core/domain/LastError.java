package dev.assistants4j.core.domain;

/**
 * Why a run or step failed.
 *
 * @param code {@code server_error}, {@code rate_limit_exceeded} or {@code invalid_prompt}
 */
public record LastError(String code, String message) {}

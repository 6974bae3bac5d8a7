package dev.assistants4j.core.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the spend log: one model call, with LiteLLM's {@code /spend/logs} fields.
 *
 * @param apiKey the stable id of the key that paid ({@code ""} for the master key)
 * @param teamId the key's team, if any
 * @param projectId the project the call was made in
 * @param model the model name the client asked for
 * @param spend the call's cost in US dollars
 * @param runId the run the call was part of, if any
 * @param user the end user the request named, if any
 */
public record SpendRecord(
        String requestId,
        String callType,
        String apiKey,
        Optional<String> teamId,
        String projectId,
        String model,
        long promptTokens,
        long completionTokens,
        double spend,
        Instant startTime,
        Instant endTime,
        Optional<String> runId,
        Optional<String> user) {

    public SpendRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(callType, "callType");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(user, "user");
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}

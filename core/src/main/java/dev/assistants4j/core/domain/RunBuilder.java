package dev.assistants4j.core.domain;

import java.util.Map;

/**
 * Copies a {@link Run} and changes its lifecycle fields (the fields a run's creation fixes stay as they are). Not
 * thread-safe; use one per transition.
 */
public final class RunBuilder {

    private final Run base;
    private RunStatus status;
    private RequiredAction requiredAction;
    private LastError lastError;
    private Long expiresAt;
    private Long startedAt;
    private Long cancelledAt;
    private Long failedAt;
    private Long completedAt;
    private IncompleteDetails incompleteDetails;
    private Map<String, String> metadata;
    private Usage usage;

    RunBuilder(Run base) {
        this.base = base;
        this.status = base.status();
        this.requiredAction = base.requiredAction();
        this.lastError = base.lastError();
        this.expiresAt = base.expiresAt();
        this.startedAt = base.startedAt();
        this.cancelledAt = base.cancelledAt();
        this.failedAt = base.failedAt();
        this.completedAt = base.completedAt();
        this.incompleteDetails = base.incompleteDetails();
        this.metadata = base.metadata();
        this.usage = base.usage();
    }

    public RunBuilder status(RunStatus value) {
        this.status = value;
        return this;
    }

    public RunBuilder requiredAction(RequiredAction value) {
        this.requiredAction = value;
        return this;
    }

    public RunBuilder lastError(LastError value) {
        this.lastError = value;
        return this;
    }

    public RunBuilder expiresAt(Long value) {
        this.expiresAt = value;
        return this;
    }

    public RunBuilder startedAt(Long value) {
        this.startedAt = value;
        return this;
    }

    public RunBuilder cancelledAt(Long value) {
        this.cancelledAt = value;
        return this;
    }

    public RunBuilder failedAt(Long value) {
        this.failedAt = value;
        return this;
    }

    public RunBuilder completedAt(Long value) {
        this.completedAt = value;
        return this;
    }

    public RunBuilder incompleteDetails(IncompleteDetails value) {
        this.incompleteDetails = value;
        return this;
    }

    public RunBuilder metadata(Map<String, String> value) {
        this.metadata = value;
        return this;
    }

    public RunBuilder usage(Usage value) {
        this.usage = value;
        return this;
    }

    public Run build() {
        return new Run(
                base.id(),
                base.createdAt(),
                base.threadId(),
                base.assistantId(),
                status,
                requiredAction,
                lastError,
                expiresAt,
                startedAt,
                cancelledAt,
                failedAt,
                completedAt,
                incompleteDetails,
                base.model(),
                base.instructions(),
                base.tools(),
                metadata,
                usage,
                base.temperature(),
                base.topP(),
                base.maxPromptTokens(),
                base.maxCompletionTokens(),
                base.truncationStrategy(),
                base.toolChoice(),
                base.parallelToolCalls(),
                base.responseFormat(),
                base.reasoningEffort());
    }
}

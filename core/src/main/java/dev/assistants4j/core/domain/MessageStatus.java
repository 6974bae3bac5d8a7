package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A message's lifecycle state. */
public enum MessageStatus {
    @JsonProperty("in_progress")
    IN_PROGRESS,
    @JsonProperty("incomplete")
    INCOMPLETE,
    @JsonProperty("completed")
    COMPLETED
}

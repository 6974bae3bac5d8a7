package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who wrote a message. */
public enum MessageRole {
    @JsonProperty("user")
    USER,
    @JsonProperty("assistant")
    ASSISTANT
}

package dev.assistants4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What a run step did: created a message, or called tools; {@link Other} for newer kinds. */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = StepDetails.Other.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = StepDetails.MessageCreation.class, name = "message_creation"),
    @JsonSubTypes.Type(value = StepDetails.ToolCalls.class, name = "tool_calls")
})
public sealed interface StepDetails {

    /** The wire name of the step's kind. */
    @JsonProperty("type")
    String type();

    /** The step created a message. */
    record MessageCreation(MessageRef messageCreation) implements StepDetails {
        @Override
        public String type() {
            return "message_creation";
        }

        /** The id of the message created. */
        public String messageId() {
            return messageCreation == null ? null : messageCreation.messageId();
        }
    }

    /** The message a step created. */
    record MessageRef(String messageId) {}

    /** The step called tools. */
    record ToolCalls(List<ToolCall> toolCalls) implements StepDetails {
        public ToolCalls {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        @Override
        public String type() {
            return "tool_calls";
        }
    }

    /** A step of a kind this client does not know. */
    record Other(String type) implements StepDetails {}
}

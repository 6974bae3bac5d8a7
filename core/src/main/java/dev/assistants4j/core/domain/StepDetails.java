package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What a run step did: created a message, or made tool calls. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StepDetails.MessageCreation.class, name = "message_creation"),
    @JsonSubTypes.Type(value = StepDetails.ToolCalls.class, name = "tool_calls")
})
public sealed interface StepDetails permits StepDetails.MessageCreation, StepDetails.ToolCalls {

    /** The wire name of the step type. */
    String type();

    /** {@code {"type":"message_creation","message_creation":{"message_id"}}}. */
    record MessageCreation(MessageId messageCreation) implements StepDetails {
        public static MessageCreation of(String messageId) {
            return new MessageCreation(new MessageId(messageId));
        }

        @Override
        public String type() {
            return "message_creation";
        }
    }

    /** The id of the created message. */
    record MessageId(String messageId) {}

    /** {@code {"type":"tool_calls","tool_calls":[…]}}. */
    record ToolCalls(List<StepToolCall> toolCalls) implements StepDetails {
        public ToolCalls {
            toolCalls = List.copyOf(toolCalls);
        }

        @Override
        public String type() {
            return "tool_calls";
        }
    }
}

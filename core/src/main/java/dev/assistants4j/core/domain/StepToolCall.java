package dev.assistants4j.core.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One tool call recorded in a tool_calls run step. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = StepToolCall.Function.class, name = "function")})
public sealed interface StepToolCall permits StepToolCall.Function {

    /** The call id ({@code call_…}). */
    String id();

    /** A function call; {@code output} is null until the client submits it. */
    record Function(String id, FunctionCallDetails function) implements StepToolCall {
        public Function withOutput(String output) {
            return new Function(id, new FunctionCallDetails(function.name(), function.arguments(), output));
        }
    }

    /** Name, arguments and (once submitted) output of a function call. */
    record FunctionCallDetails(String name, String arguments, String output) {}
}

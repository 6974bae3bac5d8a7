package dev.assistants4j.core.provider;

/** Why a model stopped. A provider value we do not recognise maps to {@link #OTHER}, never to an error. */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER,
    OTHER;

    /** Maps an OpenAI-style {@code finish_reason}; null or unknown values give {@link #OTHER}. */
    public static FinishReason fromWire(String value) {
        if (value == null) {
            return OTHER;
        }
        return switch (value) {
            case "stop", "end_turn", "stop_sequence" -> STOP;
            case "length", "max_tokens" -> LENGTH;
            case "tool_calls", "function_call", "tool_use" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            default -> OTHER;
        };
    }
}

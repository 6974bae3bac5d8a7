package dev.assistants4j.core.provider;

/** One piece of a streamed answer. */
public sealed interface ProviderEvent
        permits ProviderEvent.TextDelta, ProviderEvent.ToolCallDelta, ProviderEvent.Usage, ProviderEvent.Finished {

    /** A fragment of the answer's text. */
    record TextDelta(String text) implements ProviderEvent {}

    /**
     * A fragment of a tool call. The first fragment of a call carries its id and name; later ones append to its
     * arguments. {@code index} tells parallel calls apart.
     */
    record ToolCallDelta(int index, String id, String name, String argumentsFragment) implements ProviderEvent {}

    /** Token counts of the whole request, as the provider reported them. */
    record Usage(int promptTokens, int completionTokens) implements ProviderEvent {}

    /** The end of the answer and why it ended. */
    record Finished(FinishReason reason) implements ProviderEvent {}
}

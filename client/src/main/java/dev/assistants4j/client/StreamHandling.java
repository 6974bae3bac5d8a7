package dev.assistants4j.client;

import dev.assistants4j.client.model.Run;

/** Reads a {@link RunStream} to its end into an {@link AssistantEventHandler}. Stateless. */
final class StreamHandling {

    private StreamHandling() {}

    /**
     * Calls {@code handler} for every event, then {@code onEnd}, and returns the final run; closes the stream.
     *
     * @throws ApiException after {@code onError}, when the stream carried an {@code error} event
     */
    static Run handle(RunStream stream, AssistantEventHandler handler) {
        try (stream) {
            HandlerDispatcher dispatcher = new HandlerDispatcher(handler);
            for (StreamEvent event : stream) {
                dispatcher.dispatch(event);
            }
            Run run = stream.finalRun();
            handler.onEnd(run);
            return run;
        }
    }
}

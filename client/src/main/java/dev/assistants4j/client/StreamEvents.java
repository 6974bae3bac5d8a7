package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.client.model.AssistantThread;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.MessageDelta;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.RunStepDelta;

/** Reads server-sent events as {@link StreamEvent}s. Stateless. */
final class StreamEvents {

    private StreamEvents() {}

    /**
     * The typed event; an unknown name gives an {@link StreamEvent.UnknownEvent}.
     *
     * @throws MalformedEventException when a known event's data is not the object its name announces
     */
    static StreamEvent parse(ServerSentEvent sse) {
        String name = sse.event();
        if (!known(name)) {
            return new StreamEvent.UnknownEvent(name, jsonOrText(sse.data()));
        }
        try {
            return typed(name, Wire.parse(sse.data()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(name, sse.data(), e);
        }
    }

    private static boolean known(String name) {
        return name.equals("thread.created")
                || name.equals("error")
                || name.startsWith("thread.run.")
                || name.startsWith("thread.message.");
    }

    private static StreamEvent typed(String name, JsonNode data) {
        if (!data.isObject()) {
            throw new IllegalArgumentException("the data is not a JSON object");
        }
        if (name.equals("thread.created")) {
            return new StreamEvent.ThreadEvent(name, Wire.read(data, AssistantThread.class));
        }
        if (name.equals("error")) {
            JsonNode error = data.path("error");
            return new StreamEvent.ErrorEvent(name, error.isObject() ? error : data);
        }
        if (name.equals("thread.run.step.delta")) {
            return new StreamEvent.RunStepDeltaEvent(name, Wire.read(data, RunStepDelta.class));
        }
        if (name.startsWith("thread.run.step.")) {
            return new StreamEvent.RunStepEvent(name, Wire.read(data, RunStep.class));
        }
        if (name.startsWith("thread.run.")) {
            return new StreamEvent.RunEvent(name, Wire.read(data, Run.class));
        }
        if (name.equals("thread.message.delta")) {
            return new StreamEvent.MessageDeltaEvent(name, Wire.read(data, MessageDelta.class));
        }
        return new StreamEvent.MessageEvent(name, Wire.read(data, Message.class));
    }

    private static JsonNode jsonOrText(String data) {
        try {
            return Wire.parse(data);
        } catch (IllegalArgumentException notJson) {
            return TextNode.valueOf(data);
        }
    }
}

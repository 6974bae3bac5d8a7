package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;

/** Builds the data of {@code thread.message.delta} and {@code thread.run.step.delta} events. */
final class Deltas {

    private Deltas() {}

    /** {@code {"id","object":"thread.message.delta","delta":{"content":[{"index","type":"text","text":{…}}]}}}. */
    static ObjectNode text(String messageId, int index, String value) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("id", messageId).put("object", "thread.message.delta");
        ObjectNode part = delta.putObject("delta").putArray("content").addObject();
        part.put("index", index).put("type", "text");
        part.putObject("text").put("value", value).putArray("annotations");
        return delta;
    }

    /**
     * A function call fragment; the first fragment of a call carries its id and name, later ones only arguments.
     */
    static ObjectNode functionCall(String stepId, int index, String callId, String name, String arguments) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("id", stepId).put("object", "thread.run.step.delta");
        ObjectNode details = delta.putObject("delta").putObject("step_details");
        details.put("type", "tool_calls");
        ObjectNode call = details.putArray("tool_calls").addObject();
        call.put("index", index);
        if (callId != null) {
            call.put("id", callId);
        }
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        if (callId != null) {
            function.putNull("output");
        }
        return delta;
    }
}

package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import java.util.List;

/** Builds the data of {@code thread.message.delta} and {@code thread.run.step.delta} events. */
final class Deltas {

    private Deltas() {}

    /** {@code {"id","object":"thread.message.delta","delta":{"content":[{"index","type":"text","text":{…}}]}}}. */
    static ObjectNode text(String messageId, int index, String value) {
        return text(messageId, index, value, 0, List.of());
    }

    /**
     * A text delta that completes citation markers: each annotation carries its {@code index} among the content
     * part's annotations, from {@code firstAnnotation} on (the SDKs' stream accumulators merge by that index).
     */
    static ObjectNode text(
            String messageId, int index, String value, int firstAnnotation, List<FileCitationAnnotation> annotations) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("id", messageId).put("object", "thread.message.delta");
        ObjectNode part = delta.putObject("delta").putArray("content").addObject();
        part.put("index", index).put("type", "text");
        ArrayNode list = part.putObject("text").put("value", value).putArray("annotations");
        for (int i = 0; i < annotations.size(); i++) {
            FileCitationAnnotation annotation = annotations.get(i);
            ObjectNode item = list.addObject();
            item.put("index", firstAnnotation + i)
                    .put("type", "file_citation")
                    .put("text", annotation.text())
                    .put("start_index", annotation.startIndex())
                    .put("end_index", annotation.endIndex());
            item.putObject("file_citation")
                    .put("file_id", annotation.fileCitation().fileId());
        }
        return delta;
    }

    /** A file_search call: {@code {"index","id","type":"file_search","file_search":{}}}; its results come later. */
    static ObjectNode fileSearchCall(String stepId, int index, String callId) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("id", stepId).put("object", "thread.run.step.delta");
        ObjectNode details = delta.putObject("delta").putObject("step_details");
        details.put("type", "tool_calls");
        ObjectNode call = details.putArray("tool_calls").addObject();
        call.put("index", index).put("id", callId).put("type", "file_search");
        call.putObject("file_search");
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

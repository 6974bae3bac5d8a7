package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.FilePathAnnotation;
import dev.assistants4j.core.domain.StepToolCall;
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

    /** File path annotations found once the text is complete: an empty text delta that carries them. */
    static ObjectNode filePaths(
            String messageId, int index, int firstAnnotation, List<FilePathAnnotation> annotations) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("id", messageId).put("object", "thread.message.delta");
        ObjectNode part = delta.putObject("delta").putArray("content").addObject();
        part.put("index", index).put("type", "text");
        ArrayNode list = part.putObject("text").put("value", "").putArray("annotations");
        for (int i = 0; i < annotations.size(); i++) {
            FilePathAnnotation annotation = annotations.get(i);
            ObjectNode item = list.addObject();
            item.put("index", firstAnnotation + i)
                    .put("type", "file_path")
                    .put("text", annotation.text())
                    .put("start_index", annotation.startIndex())
                    .put("end_index", annotation.endIndex());
            item.putObject("file_path").put("file_id", annotation.filePath().fileId());
        }
        return delta;
    }

    /** The images a message starts with: {@code image_file} parts at indexes 0… . */
    static ObjectNode images(String messageId, List<String> fileIds) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("id", messageId).put("object", "thread.message.delta");
        ArrayNode content = delta.putObject("delta").putArray("content");
        for (int i = 0; i < fileIds.size(); i++) {
            ObjectNode part = content.addObject().put("index", i).put("type", "image_file");
            part.putObject("image_file").put("file_id", fileIds.get(i));
        }
        return delta;
    }

    /**
     * A code_interpreter call's first delta, {@code {"index","id","type":"code_interpreter","code_interpreter":
     * {"input","outputs":[]}}}, as OpenAI sent it.
     */
    static ObjectNode codeCall(String stepId, int index, String callId, String input) {
        ObjectNode delta = toolCallDelta(stepId);
        ObjectNode call = codeDelta(delta, index, callId);
        call.put("input", input).putArray("outputs");
        return delta;
    }

    /** More of a code_interpreter call's code: {@code {"index","type","code_interpreter":{"input"}}}. */
    static ObjectNode codeInput(String stepId, int index, String input) {
        ObjectNode delta = toolCallDelta(stepId);
        codeDelta(delta, index, null).put("input", input);
        return delta;
    }

    /**
     * What a code_interpreter call produced: {@code {"index","type","code_interpreter":{"outputs":[{"index","type":
     * "logs","logs"} | {"index","type":"image","image":{"file_id"}}]}}}.
     */
    static ObjectNode codeOutputs(String stepId, int index, List<StepToolCall.CodeOutput> outputs) {
        ObjectNode delta = toolCallDelta(stepId);
        ArrayNode list = codeDelta(delta, index, null).putArray("outputs");
        for (int i = 0; i < outputs.size(); i++) {
            ObjectNode item = list.addObject().put("index", i);
            switch (outputs.get(i)) {
                case StepToolCall.LogsOutput logs -> item.put("type", "logs").put("logs", logs.logs());
                case StepToolCall.ImageOutput image ->
                    item.put("type", "image")
                            .putObject("image")
                            .put("file_id", image.image().fileId());
            }
        }
        return delta;
    }

    private static ObjectNode toolCallDelta(String stepId) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.put("id", stepId).put("object", "thread.run.step.delta");
        delta.putObject("delta")
                .putObject("step_details")
                .put("type", "tool_calls")
                .putArray("tool_calls");
        return delta;
    }

    private static ObjectNode codeDelta(ObjectNode delta, int index, String callId) {
        ObjectNode call = ((ArrayNode) delta.at("/delta/step_details/tool_calls")).addObject();
        call.put("index", index);
        if (callId != null) {
            call.put("id", callId);
        }
        call.put("type", "code_interpreter");
        return call.putObject("code_interpreter");
    }
}

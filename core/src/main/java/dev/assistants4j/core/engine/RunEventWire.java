package dev.assistants4j.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.Annotation;
import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.FilePathAnnotation;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.RunStepStatus;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.error.InvalidRequestException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one place where run events and run steps take the form clients see: each {@link RunEvent}'s wire name and JSON
 * data, and a run step as a stream, {@code GET …/steps/{step_id}} and the steps list show it, under the request's
 * {@code include[]}. Stateless and thread-safe.
 */
public final class RunEventWire {

    /** The one {@code include[]} value: file_search results carry their {@code content} (always stored). */
    public static final String FILE_SEARCH_CONTENT = "step_details.tool_calls[*].file_search.results[*].content";

    private static final String MESSAGE_DELTA = "thread.message.delta";
    private static final String STEP_DELTA = "thread.run.step.delta";

    private RunEventWire() {}

    /**
     * Reads a request's {@code include[]} values: true when they ask for file_search result content.
     *
     * @throws InvalidRequestException for any other value
     */
    public static boolean fileSearchContent(List<String> include) {
        for (String value : include) {
            if (!value.equals(FILE_SEARCH_CONTENT)) {
                throw new InvalidRequestException(
                        "Invalid value for 'include[]': '" + value + "'. Supported values are: '" + FILE_SEARCH_CONTENT
                                + "'.",
                        "include",
                        "invalid_value");
            }
        }
        return !include.isEmpty();
    }

    /** The event's name: the SSE {@code event:} line. */
    public static String name(RunEvent event) {
        return switch (event) {
            case RunEvent.ThreadCreated created -> "thread.created";
            case RunEvent.RunCreated created -> "thread.run.created";
            case RunEvent.RunStatusChanged changed ->
                "thread.run." + changed.run().status().wireName();
            case RunEvent.StepCreated created -> "thread.run.step.created";
            case RunEvent.StepStatusChanged changed ->
                "thread.run.step." + changed.step().status().wireName();
            case StepDelta delta -> STEP_DELTA;
            case RunEvent.MessageCreated created -> "thread.message.created";
            case RunEvent.MessageStatusChanged changed ->
                switch (changed.message().status()) {
                    case IN_PROGRESS -> "thread.message.in_progress";
                    case INCOMPLETE -> "thread.message.incomplete";
                    case COMPLETED -> "thread.message.completed";
                };
            case MessageDelta delta -> MESSAGE_DELTA;
            case RunEvent.Error error -> "error";
        };
    }

    /**
     * The event's data as JSON: the SSE {@code data:} line. Run steps carry file_search result content only when
     * {@code fileSearchContent}.
     */
    public static String data(RunEvent event, boolean fileSearchContent) {
        Object data =
                switch (event) {
                    case RunEvent.ThreadCreated created -> created.thread();
                    case RunEvent.RunCreated created -> created.run();
                    case RunEvent.RunStatusChanged changed -> changed.run();
                    case RunEvent.StepCreated created -> step(created.step(), fileSearchContent);
                    case RunEvent.StepStatusChanged changed -> step(changed.step(), fileSearchContent);
                    case StepDelta delta -> stepDelta(delta);
                    case RunEvent.MessageCreated created -> created.message();
                    case RunEvent.MessageStatusChanged changed -> changed.message();
                    case MessageDelta delta -> messageDelta(delta);
                    case RunEvent.Error error -> error.envelope();
                };
        try {
            return Json.WIRE.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A run step as clients see it: file_search results without their content unless {@code fileSearchContent},
     * without the stored-only trace of a file_search call, and with {@code usage: null} while the step is in progress
     * (the spec's rule, although its model call's usage is already stored with it).
     */
    public static JsonNode step(RunStep step, boolean fileSearchContent) {
        RunStep shown = fileSearchContent ? step : step.withoutFileSearchContent();
        ObjectNode node = Json.MAPPER.valueToTree(shown);
        if (shown.status() == RunStepStatus.IN_PROGRESS) {
            node.putNull("usage");
        }
        for (JsonNode call : node.path("step_details").path("tool_calls")) {
            if (call instanceof ObjectNode object) {
                object.remove(StepToolCall.FileSearch.TRACE);
            }
        }
        return node;
    }

    /** {@code {"id","object":"thread.message.delta","delta":{"content":[…]}}}. */
    private static ObjectNode messageDelta(MessageDelta delta) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", delta.messageId()).put("object", MESSAGE_DELTA);
        ArrayNode content = node.putObject("delta").putArray("content");
        for (MessageDelta.Part part : delta.content()) {
            ObjectNode item = content.addObject().put("index", part.index());
            switch (part) {
                case MessageDelta.TextPart text -> {
                    item.put("type", "text");
                    ArrayNode annotations =
                            item.putObject("text").put("value", text.value()).putArray("annotations");
                    for (int i = 0; i < text.annotations().size(); i++) {
                        annotation(
                                annotations.addObject(),
                                text.firstAnnotation() + i,
                                text.annotations().get(i));
                    }
                }
                case MessageDelta.ImagePart image ->
                    item.put("type", "image_file").putObject("image_file").put("file_id", image.fileId());
            }
        }
        return node;
    }

    /** {@code {"index","type","text","start_index","end_index","file_citation"|"file_path":{"file_id"}}}. */
    private static void annotation(ObjectNode item, int index, Annotation annotation) {
        switch (annotation) {
            case FileCitationAnnotation citation ->
                annotation(item, index, "file_citation", citation.text(), citation.startIndex(), citation.endIndex())
                        .put("file_id", citation.fileCitation().fileId());
            case FilePathAnnotation path ->
                annotation(item, index, "file_path", path.text(), path.startIndex(), path.endIndex())
                        .put("file_id", path.filePath().fileId());
        }
    }

    /** Writes an annotation's common fields; returns its object named after its type, for the file id. */
    private static ObjectNode annotation(ObjectNode item, int index, String type, String text, int start, int end) {
        return item.put("index", index)
                .put("type", type)
                .put("text", text)
                .put("start_index", start)
                .put("end_index", end)
                .putObject(type);
    }

    /** {@code {"id","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[…]}}}}. */
    private static ObjectNode stepDelta(StepDelta delta) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", delta.stepId()).put("object", STEP_DELTA);
        ObjectNode call = node.putObject("delta")
                .putObject("step_details")
                .put("type", "tool_calls")
                .putArray("tool_calls")
                .addObject()
                .put("index", delta.toolCall().index());
        switch (delta.toolCall()) {
            case StepDelta.FileSearchCall search ->
                call.put("id", search.id()).put("type", "file_search").putObject("file_search");
            case StepDelta.FunctionCall function -> {
                putIfPresent(call, "id", function.id()).put("type", "function");
                ObjectNode details = putIfPresent(call.putObject("function"), "name", function.name())
                        .put("arguments", function.arguments());
                if (function.id() != null) {
                    details.putNull("output");
                }
            }
            case StepDelta.CodeCall code -> {
                putIfPresent(call, "id", code.id()).put("type", "code_interpreter");
                ObjectNode details = putIfPresent(call.putObject("code_interpreter"), "input", code.input());
                if (code.outputs() != null) {
                    codeOutputs(details.putArray("outputs"), code.outputs());
                }
            }
        }
        return node;
    }

    /** {@code [{"index","type":"logs","logs"} | {"index","type":"image","image":{"file_id"}}]}. */
    private static void codeOutputs(ArrayNode list, List<StepToolCall.CodeOutput> outputs) {
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
    }

    private static ObjectNode putIfPresent(ObjectNode node, String field, String value) {
        return value == null ? node : node.put(field, value);
    }
}

package dev.assistants4j.client;

import dev.assistants4j.client.model.MessageContent;
import dev.assistants4j.client.model.MessageDelta;
import dev.assistants4j.client.model.Text;
import dev.assistants4j.client.model.TextDelta;
import dev.assistants4j.client.model.ToolCall;
import dev.assistants4j.client.model.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/** Applies streamed deltas to snapshots: pieces of text, arguments and code appended, lists extended. Stateless. */
final class Snapshots {

    private Snapshots() {}

    /** The content part {@code previous} (null for a new part) with {@code delta} applied. */
    static MessageContent apply(MessageContent previous, MessageDelta.ContentDelta delta) {
        if (delta.text() != null) {
            Text before = previous instanceof MessageContent.TextContent text ? text.text() : new Text("", List.of());
            return new MessageContent.TextContent(apply(before, delta.text()));
        }
        if (delta.imageFile() != null) {
            return new MessageContent.ImageFileContent(delta.imageFile());
        }
        if (delta.imageUrl() != null) {
            return new MessageContent.ImageUrlContent(delta.imageUrl());
        }
        if (delta.refusal() != null) {
            String before = previous instanceof MessageContent.RefusalContent refusal ? refusal.refusal() : "";
            return new MessageContent.RefusalContent(before + delta.refusal());
        }
        return previous != null ? previous : new MessageContent.Other(delta.type());
    }

    static Text apply(Text previous, TextDelta delta) {
        return new Text(
                previous.value() + (delta.value() == null ? "" : delta.value()),
                concat(previous.annotations(), delta.annotations()));
    }

    /** The tool call {@code previous} (null for a new call) with {@code delta} applied. */
    static ToolCall apply(ToolCall previous, ToolCallDelta delta) {
        String id = previous != null ? previous.id() : delta.id();
        String type = previous != null ? previous.type() : delta.type();
        return switch (type == null ? "" : type) {
            case "function" -> function(id, previous, delta.function());
            case "code_interpreter" -> codeInterpreter(id, previous, delta.codeInterpreter());
            case "file_search" ->
                delta.fileSearch() != null || !(previous instanceof ToolCall.FileSearchToolCall)
                        ? new ToolCall.FileSearchToolCall(id, delta.fileSearch())
                        : previous;
            default -> new ToolCall.Other(id, type);
        };
    }

    private static ToolCall function(String id, ToolCall previous, ToolCall.Function piece) {
        ToolCall.Function before = previous instanceof ToolCall.FunctionToolCall call && call.function() != null
                ? call.function()
                : new ToolCall.Function(null, "", null);
        if (piece == null) {
            return new ToolCall.FunctionToolCall(id, before);
        }
        return new ToolCall.FunctionToolCall(
                id,
                new ToolCall.Function(
                        piece.name() != null ? piece.name() : before.name(),
                        append(before.arguments(), piece.arguments()),
                        piece.output() != null ? piece.output() : before.output()));
    }

    private static ToolCall codeInterpreter(String id, ToolCall previous, ToolCall.CodeInterpreter piece) {
        ToolCall.CodeInterpreter before =
                previous instanceof ToolCall.CodeInterpreterToolCall call && call.codeInterpreter() != null
                        ? call.codeInterpreter()
                        : new ToolCall.CodeInterpreter("", List.of());
        if (piece == null) {
            return new ToolCall.CodeInterpreterToolCall(id, before);
        }
        return new ToolCall.CodeInterpreterToolCall(
                id,
                new ToolCall.CodeInterpreter(
                        append(before.input(), piece.input()), concat(before.outputs(), piece.outputs())));
    }

    private static String append(String before, String piece) {
        String start = before == null ? "" : before;
        return piece == null ? start : start + piece;
    }

    private static <T> List<T> concat(List<T> before, List<T> more) {
        if (more == null || more.isEmpty()) {
            return before == null ? List.of() : before;
        }
        List<T> all = new ArrayList<>(before == null ? List.of() : before);
        all.addAll(more);
        return List.copyOf(all);
    }
}

package dev.assistants4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.domain.TruncationStrategy;
import dev.assistants4j.core.engine.RunCreateRequest;
import dev.assistants4j.core.engine.ThreadAndRunCreateRequest;
import dev.assistants4j.core.engine.ToolOutput;
import dev.assistants4j.core.service.MessageCreateRequest;
import dev.assistants4j.core.service.ThreadCreateRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads create-run, create-thread-and-run and submit-tool-outputs bodies. */
final class RunRequests {

    static final int MIN_TOKEN_LIMIT = 256;

    private static final Set<String> RUN_FIELDS = Set.of(
            "assistant_id",
            "model",
            "instructions",
            "additional_instructions",
            "additional_messages",
            "tools",
            "metadata",
            "temperature",
            "top_p",
            "stream",
            "max_prompt_tokens",
            "max_completion_tokens",
            "truncation_strategy",
            "tool_choice",
            "parallel_tool_calls",
            "response_format",
            "reasoning_effort");

    private RunRequests() {}

    static RunCreateRequest create(JsonObjectReader body) {
        body.allowOnly(RUN_FIELDS);
        return run(
                body,
                body.array("additional_messages", 32, MessageRequests::nested).orElse(List.of()));
    }

    /** The run part of {@code POST /threads/runs}; the thread part is read by {@link ThreadRequests}. */
    private static RunCreateRequest createWithThread(JsonObjectReader body) {
        Set<String> fields = new HashSet<>(RUN_FIELDS);
        fields.removeAll(Set.of("additional_instructions", "additional_messages"));
        fields.addAll(Set.of("thread", "tool_resources"));
        body.allowOnly(fields);
        return run(body, List.of());
    }

    /** A {@code POST /threads/runs} body: the run, its {@code thread} and its own {@code tool_resources}. */
    static ThreadAndRunCreateRequest createThreadAndRun(JsonObjectReader body) {
        RunCreateRequest run = createWithThread(body);
        ThreadCreateRequest thread =
                body.object("thread").map(ThreadRequests::create).orElseGet(ThreadCreateRequest::empty);
        ToolResources toolResources =
                ToolReaders.toolResources(body, "tool_resources", 1).orElse(null);
        return new ThreadAndRunCreateRequest(thread, toolResources, run);
    }

    static boolean stream(JsonObjectReader body) {
        return body.bool("stream").orElse(false);
    }

    static List<ToolOutput> toolOutputs(JsonObjectReader body) {
        body.allowOnly(Set.of("tool_outputs", "stream"));
        if (!body.has("tool_outputs")) {
            throw body.missing("tool_outputs");
        }
        return body.array("tool_outputs", 128, (value, path) -> {
                    JsonObjectReader output =
                            JsonObjectReader.of(value, path).allowOnly(Set.of("tool_call_id", "output"));
                    return new ToolOutput(
                            output.requiredString("tool_call_id"),
                            output.string("output", 1024 * 1024).orElse(""));
                })
                .orElse(List.of());
    }

    private static RunCreateRequest run(JsonObjectReader body, List<MessageCreateRequest> additionalMessages) {
        stream(body);
        return new RunCreateRequest(
                body.requiredString("assistant_id"),
                body.string("model", 256).orElse(null),
                body.string("instructions", AssistantRequests.MAX_INSTRUCTIONS).orElse(null),
                body.string("additional_instructions", AssistantRequests.MAX_INSTRUCTIONS)
                        .orElse(null),
                additionalMessages,
                ToolReaders.tools(body, "tools").orElse(null),
                body.metadata("metadata").orElse(null),
                body.number("temperature", 0, 2).orElse(null),
                body.number("top_p", 0, 1).orElse(null),
                body.integer("max_prompt_tokens", MIN_TOKEN_LIMIT, Integer.MAX_VALUE)
                        .orElse(null),
                body.integer("max_completion_tokens", MIN_TOKEN_LIMIT, Integer.MAX_VALUE)
                        .orElse(null),
                truncation(body).orElse(null),
                toolChoice(body).orElse(null),
                body.bool("parallel_tool_calls").orElse(null),
                ToolReaders.responseFormat(body, "response_format").orElse(null),
                body.oneOf("reasoning_effort", ToolReaders.REASONING_EFFORTS).orElse(null));
    }

    private static Optional<TruncationStrategy> truncation(JsonObjectReader body) {
        return body.object("truncation_strategy").map(strategy -> {
            strategy.allowOnly(Set.of("type", "last_messages"));
            String type =
                    strategy.oneOf("type", Set.of("auto", "last_messages")).orElseThrow(() -> strategy.missing("type"));
            Integer last =
                    strategy.integer("last_messages", 1, Integer.MAX_VALUE).orElse(null);
            if (type.equals("last_messages") && last == null) {
                throw strategy.missing("last_messages");
            }
            return new TruncationStrategy(type, type.equals("last_messages") ? last : null);
        });
    }

    private static Optional<JsonNode> toolChoice(JsonObjectReader body) {
        return body.value("tool_choice").map(value -> {
            if (value.isTextual()) {
                return TextNode.valueOf(body.oneOf("tool_choice", Set.of("none", "auto", "required"))
                        .orElseThrow());
            }
            JsonObjectReader choice = JsonObjectReader.of(value, body.path("tool_choice"));
            String type = choice.oneOf("type", Set.of("function", "file_search", "code_interpreter"))
                    .orElseThrow(() -> choice.missing("type"));
            if (type.equals("function")) {
                choice.allowOnly(Set.of("type", "function"));
                choice.object("function")
                        .orElseThrow(() -> choice.missing("function"))
                        .allowOnly(Set.of("name"))
                        .requiredString("name");
            } else {
                choice.allowOnly(Set.of("type"));
            }
            return value;
        });
    }
}

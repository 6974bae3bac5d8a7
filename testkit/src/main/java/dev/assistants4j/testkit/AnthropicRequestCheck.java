package dev.assistants4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the fake Anthropic refuses before it takes a reply, with Anthropic's statuses, types and wording: a missing
 * {@code x-api-key} (401) or {@code anthropic-version} header, a body without {@code model}, a positive {@code
 * max_tokens} or a non-empty {@code messages} array, a role other than user and assistant, a first message that is not
 * the user's, two turns of one role in a row, an empty text block, and {@code tool_use} blocks not answered by {@code
 * tool_result} blocks in the very next message (or results that answer no call). Stricter than Anthropic about
 * adjacent turns (Anthropic merges them), so that an adapter that does not alternate fails tests. Stateless.
 */
final class AnthropicRequestCheck {

    /** A refusal. */
    record Refusal(int status, String type, String message) {
        static Refusal invalid(String message) {
            return new Refusal(400, "invalid_request_error", message);
        }
    }

    private AnthropicRequestCheck() {}

    static Optional<Refusal> check(RecordedRequest request) {
        if (request.header("x-api-key").isEmpty()) {
            return Optional.of(new Refusal(401, "authentication_error", "x-api-key header is required"));
        }
        if (request.header("anthropic-version").isEmpty()) {
            return Optional.of(Refusal.invalid("anthropic-version: header is required"));
        }
        JsonNode body = request.body();
        if (!body.isObject()) {
            return Optional.of(Refusal.invalid("The request body is not valid JSON."));
        }
        if (!body.path("model").isTextual()) {
            return Optional.of(Refusal.invalid("model: Field required"));
        }
        if (!body.path("max_tokens").canConvertToInt()
                || body.path("max_tokens").asInt() < 1) {
            return Optional.of(Refusal.invalid("max_tokens: Field required (a positive integer)"));
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return Optional.of(Refusal.invalid("messages: at least one message is required"));
        }
        return turns(messages).map(Refusal::invalid);
    }

    private static Optional<String> turns(JsonNode messages) {
        List<String> pendingCalls = List.of();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String previous = i == 0 ? null : messages.get(i - 1).path("role").asText();
            Optional<String> problem = role(i, message.path("role").asText(), previous);
            problem = problem.isPresent() ? problem : content(i, message.path("content"));
            if (problem.isPresent()) {
                return problem;
            }
            List<String> answered = ids(message.path("content"), "tool_result", "tool_use_id");
            if (!answered.containsAll(pendingCalls)) {
                return Optional.of(
                        "messages.%d: `tool_use` ids were found without `tool_result` blocks immediately".formatted(i)
                                + " after: " + String.join(", ", pendingCalls));
            }
            if (!pendingCalls.containsAll(answered)) {
                return Optional.of(("messages.%d: unexpected `tool_use_id` found in `tool_result` blocks: %s. Each"
                                + " `tool_result` block must have a corresponding `tool_use` block in the previous"
                                + " message.")
                        .formatted(i, answered));
            }
            pendingCalls = ids(message.path("content"), "tool_use", "id");
        }
        return pendingCalls.isEmpty()
                ? Optional.empty()
                : Optional.of("messages: the last message's `tool_use` blocks have no `tool_result` blocks after them");
    }

    private static Optional<String> role(int index, String role, String previous) {
        if (!role.equals("user") && !role.equals("assistant")) {
            return Optional.of("messages.%d.role: Input should be 'user' or 'assistant'".formatted(index));
        }
        if (previous == null && !role.equals("user")) {
            return Optional.of("messages: first message must use the \"user\" role");
        }
        if (role.equals(previous)) {
            return Optional.of("messages: roles must alternate between \"user\" and \"assistant\", but found multiple"
                    + " \"" + role + "\" roles in a row");
        }
        return Optional.empty();
    }

    private static Optional<String> content(int index, JsonNode content) {
        if (content.isTextual()) {
            return content.textValue().isBlank()
                    ? Optional.of("messages.%d: text content blocks must be non-empty".formatted(index))
                    : Optional.empty();
        }
        if (!content.isArray() || content.isEmpty()) {
            return Optional.of("messages.%d: content must be a non-empty string or list of blocks".formatted(index));
        }
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")
                    && block.path("text").asText().isBlank()) {
                return Optional.of("messages.%d: text content blocks must be non-empty".formatted(index));
            }
        }
        return Optional.empty();
    }

    private static List<String> ids(JsonNode content, String type, String field) {
        List<String> ids = new ArrayList<>();
        for (JsonNode block : content.isArray() ? content : List.<JsonNode>of()) {
            if (block.path("type").asText().equals(type)) {
                ids.add(block.path(field).asText());
            }
        }
        return ids;
    }
}

package dev.assistants4j.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.providers.Turns.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a chat prompt to Gemini's {@code systemInstruction} and {@code contents}. System messages, wherever they are,
 * join the system instruction. User messages become user turns of text and image parts (a {@code data:} URL as {@code
 * inlineData}; an http(s) URL as {@code fileData} with a MIME type guessed from its extension, which Gemini fetches
 * itself: assistants4j does not fetch URLs its callers name). Assistant messages become model turns of a text part
 * and {@code functionCall} parts (name and arguments; Gemini does not take our call ids), tool results user turns of
 * {@code functionResponse} parts named after the call they answer, their output as the response object when it is a
 * JSON object, else wrapped as {@code {"result": …}}. Turns alternate ({@link Turns}).
 *
 * <p>The first {@code functionCall} of each model turn carries the thought signature Gemini documents for history
 * without one ({@value #SKIP_SIGNATURE}): Gemini 3 models refuse function calls without a signature, and the
 * Assistants API has no place to keep the one Gemini sent. Stateless, thread-safe.
 */
record GeminiContents(ObjectMapper json) {

    /** The signature Gemini accepts in place of one it sent, for history that did not keep it. */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    /** {@code {"parts":[{"text"}]}} of the system messages joined by blank lines; null without any. */
    ObjectNode systemInstruction(List<ChatMessage> prompt) {
        List<String> parts = new ArrayList<>();
        for (ChatMessage message : prompt) {
            if (message instanceof ChatMessage.System system && !isBlank(system.content())) {
                parts.add(system.content());
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        ObjectNode instruction = json.createObjectNode();
        instruction.putArray("parts").add(text(String.join("\n\n", parts)));
        return instruction;
    }

    /** The {@code contents} array: alternating user and model turns, starting with the user. */
    ArrayNode contents(List<ChatMessage> prompt) {
        Map<String, String> names = callNames(prompt);
        List<Turn> turns = prompt.stream().map(message -> turn(message, names)).toList();
        ArrayNode contents = json.createArrayNode();
        for (Turn turn : Turns.alternating(turns, "user", part -> part.has("functionResponse"), text("."))) {
            ObjectNode content = contents.addObject().put("role", turn.role());
            content.putArray("parts").addAll(turn.parts());
            turn.parts().stream()
                    .filter(part -> part.has("functionCall"))
                    .findFirst()
                    .ifPresent(call -> call.put("thoughtSignature", SKIP_SIGNATURE));
        }
        return contents;
    }

    private Turn turn(ChatMessage message, Map<String, String> names) {
        return switch (message) {
            case ChatMessage.System ignored -> null;
            case ChatMessage.User user -> new Turn("user", userParts(user));
            case ChatMessage.Assistant assistant -> new Turn("model", modelParts(assistant));
            case ChatMessage.ToolResult result -> new Turn("user", List.of(functionResponse(result, names)));
        };
    }

    private List<ObjectNode> userParts(ChatMessage.User user) {
        List<ObjectNode> parts = new ArrayList<>();
        for (ChatMessage.Part part : user.content()) {
            switch (part) {
                case ChatMessage.Part.Text text -> {
                    if (!isBlank(text.text())) {
                        parts.add(text(text.text()));
                    }
                }
                case ChatMessage.Part.ImageUrl image -> parts.add(image(image.url()));
            }
        }
        return parts;
    }

    private List<ObjectNode> modelParts(ChatMessage.Assistant assistant) {
        List<ObjectNode> parts = new ArrayList<>();
        if (!isBlank(assistant.content())) {
            parts.add(text(assistant.content()));
        }
        for (ChatMessage.ToolCall call : assistant.toolCalls()) {
            ObjectNode part = json.createObjectNode();
            part.putObject("functionCall")
                    .put("name", call.name())
                    .set("args", Arguments.object(call.arguments(), json));
            parts.add(part);
        }
        return parts;
    }

    private ObjectNode functionResponse(ChatMessage.ToolResult result, Map<String, String> names) {
        ObjectNode part = json.createObjectNode();
        ObjectNode response =
                part.putObject("functionResponse").put("name", names.getOrDefault(result.toolCallId(), "unknown"));
        Optional<JsonNode> parsed = Arguments.parse(result.content(), json);
        if (parsed.isPresent() && parsed.get().isObject()) {
            response.set("response", parsed.get());
        } else {
            JsonNode value = parsed.orElseGet(() -> json.getNodeFactory().textNode(orEmpty(result.content())));
            response.putObject("response").set("result", value);
        }
        return part;
    }

    private ObjectNode image(String url) {
        ObjectNode part = json.createObjectNode();
        Optional<DataUrl> inline = DataUrl.parse(url);
        if (inline.isPresent()) {
            part.putObject("inlineData")
                    .put("mimeType", inline.get().mediaType())
                    .put("data", inline.get().base64());
        } else {
            part.putObject("fileData").put("mimeType", mimeType(url)).put("fileUri", url);
        }
        return part;
    }

    /** The image type of a URL's extension; JPEG when it has none Gemini knows. */
    static String mimeType(String url) {
        String path = url.replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT);
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return switch (extension) {
            case "png" -> "image/png";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "heic" -> "image/heic";
            case "heif" -> "image/heif";
            default -> "image/jpeg";
        };
    }

    /** The function name of every call the prompt's assistant messages made, by call id. */
    private static Map<String, String> callNames(List<ChatMessage> prompt) {
        Map<String, String> names = new HashMap<>();
        for (ChatMessage message : prompt) {
            if (message instanceof ChatMessage.Assistant assistant) {
                assistant.toolCalls().forEach(call -> names.put(call.id(), call.name()));
            }
        }
        return names;
    }

    private ObjectNode text(String text) {
        return json.createObjectNode().put("text", text);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

package dev.assistants4j.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistants4j.client.Assistants4j;
import dev.assistants4j.client.Functions;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.MessageParams;
import dev.assistants4j.client.params.ThreadParams;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.RecordedRequest;
import dev.assistants4j.testkit.ToolCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** What the SDK flow tests script on the fake upstream and read back from it. Stateless. */
final class SdkFlows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SdkFlows() {}

    /** A new thread holding the user's message {@code text}; its id. */
    static String threadAsking(Assistants4j client, String text) {
        return client.createThread(
                        ThreadParams.builder().message(MessageParams.user(text)).build())
                .id();
    }

    /** A new assistant on gpt-4o-mini without tools; its id. */
    static String assistant(Assistants4j client) {
        return client.createAssistant(AssistantParams.builder("gpt-4o-mini").build())
                .id();
    }

    /** A new assistant on gpt-4o-mini with {@code functions}' tools; its id. */
    static String assistantWith(Assistants4j client, Functions functions) {
        return client.createAssistant(AssistantParams.builder("gpt-4o-mini")
                        .tools(functions.tools())
                        .build())
                .id();
    }

    /** The model's call of code_interpreter running {@code code}. */
    static ToolCall codeCall(String code) {
        return ToolCall.of(
                "code_interpreter", JSON.createObjectNode().put("code", code).toString());
    }

    /** {@code json} parsed. */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chat completion requests the engine sent to {@code upstream}, in order. */
    static List<RecordedRequest> chatRequests(FakeUpstream upstream) {
        return upstream.requests().stream()
                .filter(request -> request.path().endsWith("/chat/completions"))
                .toList();
    }
}

package dev.assistants4j.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

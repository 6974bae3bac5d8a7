package dev.assistants4j.providers;

import static dev.assistants4j.providers.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.domain.FunctionDefinition;
import dev.assistants4j.core.provider.ChatMessage;
import dev.assistants4j.core.provider.ChatMessage.Part;
import dev.assistants4j.core.provider.ChatRequest;
import dev.assistants4j.testkit.RecordedRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Gemini adapter sends: the request the fake Gemini API received (and accepted). */
class GeminiProviderRequestTest {

    @RegisterExtension
    final NativeFake<GeminiProvider> fake = NativeFake.gemini();

    @Test
    void a_plain_request_streams_generate_content_as_sse_with_the_key_in_a_header() {
        // when
        RecordedRequest request =
                fake.send(ChatRequest.of("gemini-2.5-flash", List.of(ChatMessage.User.text("Hello"))));

        // then
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(request.queryParam("alt")).contains("sse");
        assertThat(request.queryParam("key")).isEmpty();
        assertThat(request.header("x-goog-api-key")).contains(NativeFake.GEMINI_KEY);
        assertThat(request.header("authorization")).isEmpty();
        assertThat(request.body()).isEqualTo(json("""
                {"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}"""));
    }

    @Test
    void the_api_base_may_end_with_v1beta_and_tuned_models_keep_their_collection() {
        // given
        GeminiProvider provider = GeminiProvider.builder(URI.create("https://example.com/v1beta/"), Optional.empty())
                .build();

        // then
        assertThat(provider.streamUri("tunedModels/my-model"))
                .hasToString("https://example.com/v1beta/tunedModels/my-model:streamGenerateContent?alt=sse");
        provider.close();
    }

    @Test
    void system_messages_join_the_system_instruction_and_turns_alternate_user_and_model() {
        // when
        JsonNode body = fake.send(ChatRequest.of(
                        "gemini-2.5-flash",
                        List.of(
                                new ChatMessage.System("Be brief."),
                                new ChatMessage.Assistant("Welcome!", List.of()),
                                ChatMessage.User.text("First"),
                                ChatMessage.User.text("Second"),
                                new ChatMessage.System("Answer in French."))))
                .body();

        // then
        assertThat(body.path("systemInstruction"))
                .isEqualTo(json("{\"parts\":[{\"text\":\"Be brief.\\n\\nAnswer in French.\"}]}"));
        assertThat(body.path("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"."}]},
                 {"role":"model","parts":[{"text":"Welcome!"}]},
                 {"role":"user","parts":[{"text":"First"},{"text":"Second"}]}]"""));
    }

    @Test
    void calls_become_signed_function_call_parts_and_results_function_responses_named_after_them() {
        // given
        ChatRequest request = ChatRequest.of(
                "gemini-3-pro-preview",
                List.of(
                        ChatMessage.User.text("Weather, time and files?"),
                        new ChatMessage.Assistant(
                                "Checking.",
                                List.of(
                                        new ChatMessage.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                                        new ChatMessage.ToolCall("call_2", "get_time", ""),
                                        new ChatMessage.ToolCall("call_3", "list_files", "{}"))),
                        new ChatMessage.ToolResult("call_1", "{\"temp\":18}"),
                        new ChatMessage.ToolResult("call_2", "noon"),
                        new ChatMessage.ToolResult("call_3", "[\"a.txt\"]"),
                        ChatMessage.User.text("Thanks")));

        // when
        JsonNode contents = fake.send(request).body().path("contents");

        // then
        assertThat(contents).hasSize(3);
        assertThat(contents.get(1)).isEqualTo(json("""
                {"role":"model","parts":[{"text":"Checking."},
                  {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
                   "thoughtSignature":"skip_thought_signature_validator"},
                  {"functionCall":{"name":"get_time","args":{}}},
                  {"functionCall":{"name":"list_files","args":{}}}]}"""));
        assertThat(contents.get(2)).isEqualTo(json("""
                {"role":"user","parts":[
                  {"functionResponse":{"name":"get_weather","response":{"temp":18}}},
                  {"functionResponse":{"name":"get_time","response":{"result":"noon"}}},
                  {"functionResponse":{"name":"list_files","response":{"result":["a.txt"]}}},
                  {"text":"Thanks"}]}"""));
    }

    @Test
    void images_are_inline_data_from_data_urls_and_file_data_from_web_urls() {
        // given
        ChatMessage.User user = new ChatMessage.User(List.of(
                new Part.Text("What is this?"),
                new Part.ImageUrl("data:image/png;base64,iVBORw0KGgo=", "high"),
                new Part.ImageUrl("https://example.com/cat.webp?size=2", null)));

        // when
        JsonNode parts = fake.send(ChatRequest.of("gemini-2.5-flash", List.of(user)))
                .body()
                .at("/contents/0/parts");

        // then
        assertThat(parts.get(1))
                .isEqualTo(json("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"));
        assertThat(parts.get(2)).isEqualTo(json("""
                {"fileData":{"mimeType":"image/webp","fileUri":"https://example.com/cat.webp?size=2"}}"""));
    }

    @Test
    void tools_choice_sampling_limit_and_a_json_schema_format_are_mapped() {
        // given
        JsonNode weather = json("""
                {"type":"object","additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#",
                 "properties":{"city":{"type":"string","title":"City"},
                   "unit":{"type":["string","null"],"enum":["c","f"]},
                   "when":{"$ref":"#/$defs/day"}},
                 "required":["city","missing"],
                 "$defs":{"day":{"type":"string","format":"date","description":"A day"}}}""");
        ChatRequest request = new ChatRequest(
                "gemini-2.5-flash",
                List.of(ChatMessage.User.text("Hi")),
                List.of(
                        new FunctionDefinition("get_weather", "The weather", weather, true),
                        new FunctionDefinition("ping", null, json("{\"type\":\"object\",\"properties\":{}}"), false)),
                json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
                false,
                0.3,
                0.9,
                256,
                json("""
                {"type":"json_schema","json_schema":{"name":"answer","strict":true,
                 "schema":{"type":"object","properties":{"answer":{"type":"string"}},"additionalProperties":false}}}"""),
                "high");

        // when
        JsonNode body = fake.send(request).body();

        // then
        assertThat(body.path("tools")).isEqualTo(json("""
                [{"functionDeclarations":[
                  {"name":"get_weather","description":"The weather","parameters":{"type":"object",
                    "properties":{"city":{"type":"string"},
                      "unit":{"type":"string","nullable":true,"enum":["c","f"]},
                      "when":{"type":"string","description":"A day"}},
                    "required":["city"]}},
                  {"name":"ping"}]}]"""));
        assertThat(body.path("toolConfig")).isEqualTo(json("""
                {"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}"""));
        assertThat(body.path("generationConfig")).isEqualTo(json("""
                {"temperature":0.3,"topP":0.9,"maxOutputTokens":256,"responseMimeType":"application/json",
                 "responseSchema":{"type":"object","properties":{"answer":{"type":"string"}}}}"""));
    }
}

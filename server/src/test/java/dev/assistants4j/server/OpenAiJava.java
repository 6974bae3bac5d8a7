package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.threads.ThreadCreateParams;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageListPage;
import com.openai.models.beta.threads.messages.MessageListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.vectorstores.files.FileRetrieveParams;
import com.openai.models.vectorstores.files.VectorStoreFile;
import dev.assistants4j.testkit.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The openai-java calls that tests of several packages make: uploads, a thread's messages, a vector store file polled
 * until processed, and a JSON schema response format. Every object read is validated.
 */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
public final class OpenAiJava {

    private OpenAiJava() {}

    /** Creates an assistant and returns it as the server answered. */
    public static Assistant createAssistant(OpenAIClient client, AssistantCreateParams params) {
        return client.beta().assistants().create(params).validate();
    }

    /** A plain text message of a new thread. */
    public static ThreadCreateParams.Message threadMessage(ThreadCreateParams.Message.Role role, String content) {
        return ThreadCreateParams.Message.builder().role(role).content(content).build();
    }

    /** Uploads {@code content} for assistants and returns the file's id. */
    public static String upload(OpenAIClient client, String content) {
        return client.files()
                .create(FileCreateParams.builder()
                        .file(content.getBytes(StandardCharsets.UTF_8))
                        .purpose(FilePurpose.ASSISTANTS)
                        .build())
                .validate()
                .id();
    }

    /** Every message of the thread (up to 100), oldest first. */
    public static List<Message> messages(OpenAIClient client, String threadId) {
        MessageListPage page = client.beta()
                .threads()
                .messages()
                .list(
                        threadId,
                        MessageListParams.builder()
                                .order(MessageListParams.Order.ASC)
                                .limit(100)
                                .build());
        return page.response().validate().data();
    }

    /** Polls the vector store file until it leaves in_progress, failing at {@code timeout}; returns it. */
    public static VectorStoreFile awaitFile(
            OpenAIClient client, String vectorStoreId, String fileId, Duration timeout) {
        FileRetrieveParams params = FileRetrieveParams.builder()
                .vectorStoreId(vectorStoreId)
                .fileId(fileId)
                .build();
        // the SDK's enum-like values are compared with equals: each response parses new instances
        VectorStoreFile file = Poll.until(
                timeout, () -> client.vectorStores().files().retrieve(params).validate(), read -> !read.status()
                        .equals(VectorStoreFile.Status.IN_PROGRESS));
        assertThat(file.status()).as("status of %s", fileId).isNotEqualTo(VectorStoreFile.Status.IN_PROGRESS);
        return file;
    }

    /** A strict JSON schema format: an object whose one required property {@code answer} is a string. */
    public static ResponseFormatJsonSchema answerFormat() {
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("answer")
                        .description("A single answer")
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("answer", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("answer")))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .strict(true)
                        .build())
                .build();
    }
}

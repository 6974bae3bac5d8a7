package dev.assistants4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.NotFoundException;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantListParams;
import com.openai.models.beta.assistants.CodeInterpreterTool;
import com.openai.models.beta.assistants.FileSearchTool;
import com.openai.models.beta.threads.Thread;
import com.openai.models.beta.threads.ThreadCreateParams;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageCreateParams;
import com.openai.models.beta.threads.messages.MessageUpdateParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes through the SDK, stops the server, starts a new one on the same data directory and checks that everything
 * reads back exactly as it was (compared as JSON trees of what the SDK received).
 */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class RestartPersistenceTest {

    @TempDir
    Path dataDir;

    private Written written;
    private AssistantsServer restarted;
    private OpenAIClient client;

    /** What the first server returned, read back after all writes and before it stopped. */
    private record Written(
            Assistant kept,
            Assistant toolful,
            String deletedAssistantId,
            List<String> assistantIdsNewestFirst,
            Thread thread,
            List<Message> messagesOldestFirst,
            String taggedMessageId) {}

    @BeforeEach
    void writeThenRestart() {
        try (AssistantsServer first = TestServer.start(dataDir)) {
            OpenAIClient firstClient = TestServer.client(first, "sk-test");
            try {
                written = write(firstClient);
            } finally {
                firstClient.close();
            }
        }
        restarted = TestServer.start(dataDir);
        client = TestServer.client(restarted, "sk-test");
    }

    @AfterEach
    void stop() {
        client.close();
        restarted.close();
    }

    @Test
    void assistants_read_back_identically_after_restart() {
        // when
        Assistant kept =
                client.beta().assistants().retrieve(written.kept().id()).validate();
        Assistant toolful =
                client.beta().assistants().retrieve(written.toolful().id()).validate();

        // then
        assertThat(json(kept)).isEqualTo(json(written.kept()));
        assertThat(json(toolful)).isEqualTo(json(written.toolful()));
        assertThat(kept.name()).contains("Kept");
        assertThat(OpenAiJavaSdkTest.strings(kept.metadata().orElseThrow()._additionalProperties()))
                .containsExactly(Map.entry("owner", "ops"));
        assertThat(toolful.tools()).hasSize(2);
        assertThat(toolful.instructions()).contains("Use the tools.");
    }

    @Test
    void deleted_assistant_stays_deleted_after_restart() {
        // when
        Throwable thrown = catchThrowable(() -> client.beta().assistants().retrieve(written.deletedAssistantId()));

        // then
        assertThat(thrown).isInstanceOf(NotFoundException.class).hasMessageContaining(written.deletedAssistantId());
        assertThat(assistantIdsNewestFirst()).doesNotContain(written.deletedAssistantId());
    }

    @Test
    void thread_and_messages_read_back_identically_after_restart() {
        // when
        Thread thread = client.beta().threads().retrieve(written.thread().id()).validate();
        List<Message> messages = messagesOldestFirst();

        // then
        assertThat(json(thread)).isEqualTo(json(written.thread()));
        assertThat(messages).hasSameSizeAs(written.messagesOldestFirst());
        for (int i = 0; i < messages.size(); i++) {
            assertThat(json(messages.get(i)))
                    .isEqualTo(json(written.messagesOldestFirst().get(i)));
        }
        Message tagged = messages.stream()
                .filter(message -> message.id().equals(written.taggedMessageId()))
                .findFirst()
                .orElseThrow();
        assertThat(OpenAiJavaSdkTest.strings(tagged.metadata().orElseThrow()._additionalProperties()))
                .containsExactly(Map.entry("status", "reviewed"));
        assertThat(messages.get(2).attachments().orElseThrow()).hasSize(1);
    }

    @Test
    void list_order_is_preserved_after_restart() {
        // when
        List<String> assistants = assistantIdsNewestFirst();
        List<String> messages = messagesOldestFirst().stream().map(Message::id).toList();

        // then
        assertThat(assistants).containsExactlyElementsOf(written.assistantIdsNewestFirst());
        assertThat(assistants)
                .containsExactly(written.toolful().id(), written.kept().id());
        assertThat(messages)
                .containsExactlyElementsOf(
                        written.messagesOldestFirst().stream().map(Message::id).toList());
    }

    @Test
    void new_writes_after_restart_follow_the_old_ones() {
        // when
        Message added = client.beta()
                .threads()
                .messages()
                .create(
                        written.thread().id(),
                        MessageCreateParams.builder()
                                .role(MessageCreateParams.Role.USER)
                                .content("after restart")
                                .build())
                .validate();

        // then
        List<Message> messages = messagesOldestFirst();
        assertThat(messages).hasSize(4);
        assertThat(messages.getLast().id()).isEqualTo(added.id());
        assertThat(written.messagesOldestFirst()).extracting(Message::id).doesNotContain(added.id());
    }

    private static Written write(OpenAIClient client) {
        Assistant kept = OpenAiJava.createAssistant(
                client,
                AssistantCreateParams.builder()
                        .model("gpt-4o")
                        .name("Kept")
                        .description("Survives restarts")
                        .metadata(AssistantCreateParams.Metadata.builder()
                                .putAllAdditionalProperties(OpenAiJavaSdkTest.metadata("owner", "ops"))
                                .build())
                        .build());
        Assistant doomed = OpenAiJava.createAssistant(
                client,
                AssistantCreateParams.builder().model("gpt-4o").name("Doomed").build());
        Assistant toolful = OpenAiJava.createAssistant(
                client,
                AssistantCreateParams.builder()
                        .model("gpt-4o-mini")
                        .name("Toolful")
                        .instructions("Use the tools.")
                        .addTool(CodeInterpreterTool.builder().build())
                        .addTool(FileSearchTool.builder().build())
                        .temperature(0.3)
                        .build());
        client.beta().assistants().delete(doomed.id());

        String fileId = OpenAiJava.upload(client, "attached");
        Thread thread = client.beta().threads().create(threadWithThreeMessages(fileId));
        String firstMessageId =
                OpenAiJava.messages(client, thread.id()).getFirst().id();
        client.beta()
                .threads()
                .messages()
                .update(
                        firstMessageId,
                        MessageUpdateParams.builder()
                                .threadId(thread.id())
                                .metadata(MessageUpdateParams.Metadata.builder()
                                        .putAllAdditionalProperties(OpenAiJavaSdkTest.metadata("status", "reviewed"))
                                        .build())
                                .build());

        return new Written(
                client.beta().assistants().retrieve(kept.id()).validate(),
                client.beta().assistants().retrieve(toolful.id()).validate(),
                doomed.id(),
                assistantIdsNewestFirst(client),
                client.beta().threads().retrieve(thread.id()).validate(),
                OpenAiJava.messages(client, thread.id()),
                firstMessageId);
    }

    /** The third message has {@code fileId} attached for code_interpreter (which, unlike file_search, ingests nothing). */
    private static ThreadCreateParams threadWithThreeMessages(String fileId) {
        return ThreadCreateParams.builder()
                .addMessage(OpenAiJava.threadMessage(ThreadCreateParams.Message.Role.USER, "first"))
                .addMessage(OpenAiJava.threadMessage(ThreadCreateParams.Message.Role.ASSISTANT, "second"))
                .addMessage(ThreadCreateParams.Message.builder()
                        .role(ThreadCreateParams.Message.Role.USER)
                        .content("third, with a file")
                        .addAttachment(ThreadCreateParams.Message.Attachment.builder()
                                .fileId(fileId)
                                .addTool(CodeInterpreterTool.builder().build())
                                .build())
                        .metadata(ThreadCreateParams.Message.Metadata.builder()
                                .putAllAdditionalProperties(OpenAiJavaSdkTest.metadata("kind", "upload"))
                                .build())
                        .build())
                .metadata(ThreadCreateParams.Metadata.builder()
                        .putAllAdditionalProperties(OpenAiJavaSdkTest.metadata("case", "restart"))
                        .build())
                .build();
    }

    private List<String> assistantIdsNewestFirst() {
        return assistantIdsNewestFirst(client);
    }

    private List<Message> messagesOldestFirst() {
        return OpenAiJava.messages(client, written.thread().id());
    }

    private static List<String> assistantIdsNewestFirst(OpenAIClient client) {
        return client
                .beta()
                .assistants()
                .list(AssistantListParams.builder()
                        .order(AssistantListParams.Order.DESC)
                        .build())
                .data()
                .stream()
                .map(assistant -> assistant.validate().id())
                .toList();
    }

    /** The SDK object as the JSON tree it was read from, including fields the SDK does not model. */
    private static JsonNode json(Object sdkObject) {
        return ObjectMappers.jsonMapper().valueToTree(sdkObject);
    }
}

package dev.assistants4j.server;

import static dev.assistants4j.server.OpenAiJava.answerFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonNull;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantDeleted;
import com.openai.models.beta.assistants.AssistantListPage;
import com.openai.models.beta.assistants.AssistantListParams;
import com.openai.models.beta.assistants.AssistantTool;
import com.openai.models.beta.assistants.AssistantUpdateParams;
import com.openai.models.beta.assistants.CodeInterpreterTool;
import com.openai.models.beta.assistants.FileSearchTool;
import com.openai.models.beta.assistants.FunctionTool;
import com.openai.models.beta.threads.Thread;
import com.openai.models.beta.threads.ThreadCreateParams;
import com.openai.models.beta.threads.ThreadDeleted;
import com.openai.models.beta.threads.ThreadUpdateParams;
import com.openai.models.beta.threads.messages.ImageUrl;
import com.openai.models.beta.threads.messages.ImageUrlContentBlock;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageContent;
import com.openai.models.beta.threads.messages.MessageContentPartParam;
import com.openai.models.beta.threads.messages.MessageCreateParams;
import com.openai.models.beta.threads.messages.MessageDeleteParams;
import com.openai.models.beta.threads.messages.MessageDeleted;
import com.openai.models.beta.threads.messages.MessageListPage;
import com.openai.models.beta.threads.messages.MessageListParams;
import com.openai.models.beta.threads.messages.MessageRetrieveParams;
import com.openai.models.beta.threads.messages.MessageUpdateParams;
import com.openai.models.beta.threads.messages.TextContentBlockParam;
import com.openai.models.models.Model;
import dev.assistants4j.server.config.ConfigLoader;
import dev.assistants4j.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives a real server over HTTP with the official openai-java SDK. Every object the SDK returns is validated, so a
 * wire shape the SDK cannot read fails the test.
 */
@SuppressWarnings("deprecation") // OpenAI marks the Assistants API deprecated in the SDK; it is what we serve.
class OpenAiJavaSdkTest {

    @TempDir
    Path dir;

    private AssistantsServer server;
    private OpenAIClient client;
    private long startedAt;
    /** Uploaded files that tool_resources and attachments name (the server refuses files it does not have). */
    private String fileAbc;

    private String fileDef;

    @BeforeEach
    void startServer() {
        startedAt = Instant.now().getEpochSecond();
        server = TestServer.start(dir.resolve("data"));
        client = TestServer.client(server, "sk-test");
        fileAbc = OpenAiJava.upload(client, "abc.txt");
        fileDef = OpenAiJava.upload(client, "def.txt");
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    @Nested
    class Assistants {

        @Test
        void assistant_with_every_field_reads_back_through_the_sdk() {
            // given
            AssistantCreateParams params = fullAssistant().build();

            // when
            Assistant created = client.beta().assistants().create(params).validate();
            Assistant retrieved = retrieveAssistant(created.id());

            // then
            assertThat(retrieved).isEqualTo(created);
            assertThat(retrieved.id()).startsWith("asst_");
            assertThat(retrieved._object_()).isEqualTo(JsonValue.from("assistant"));
            assertRecent(retrieved.createdAt());
            assertThat(retrieved.model()).isEqualTo("gpt-4o");
            assertThat(retrieved.name()).contains("Math tutor");
            assertThat(retrieved.description()).contains("Helps with algebra");
            assertThat(retrieved.instructions()).contains("Answer step by step.");
            assertThat(strings(retrieved.metadata().orElseThrow()._additionalProperties()))
                    .containsExactly(Map.entry("team", "math"), Map.entry("tier", "gold"));
            assertThat(retrieved.temperature()).contains(0.4);
            assertThat(retrieved.topP()).contains(0.9);
            assertThat(retrieved.responseFormat().orElseThrow().asResponseFormatJsonSchema())
                    .isEqualTo(answerFormat());
            assertThat(retrieved._additionalProperties()).containsEntry("reasoning_effort", JsonValue.from("low"));
            assertThat(retrieved
                            .toolResources()
                            .orElseThrow()
                            .codeInterpreter()
                            .orElseThrow()
                            .fileIds())
                    .contains(List.of(fileAbc, fileDef));
        }

        @Test
        void assistant_tools_read_back_in_order_with_their_settings() {
            // given
            Assistant created =
                    client.beta().assistants().create(fullAssistant().build());

            // when
            List<AssistantTool> tools = retrieveAssistant(created.id()).tools();

            // then
            assertThat(tools).hasSize(3);
            assertThat(tools.get(0).isCodeInterpreter()).isTrue();
            FileSearchTool.FileSearch fileSearch =
                    tools.get(1).asFileSearch().fileSearch().orElseThrow();
            assertThat(fileSearch.maxNumResults()).contains(7L);
            FileSearchTool.FileSearch.RankingOptions ranking =
                    fileSearch.rankingOptions().orElseThrow();
            assertThat(ranking.ranker()).contains(FileSearchTool.FileSearch.RankingOptions.Ranker.DEFAULT_2024_08_21);
            assertThat(ranking.scoreThreshold()).isEqualTo(0.25);
            FunctionDefinition function = tools.get(2).asFunction().function();
            assertThat(function).isEqualTo(weatherFunction());
            assertThat(function.strict()).contains(true);
            assertThat(function.parameters().orElseThrow()._additionalProperties())
                    .containsEntry("type", JsonValue.from("object"));
        }

        @Test
        void assistant_with_only_a_model_has_openai_defaults() {
            // given
            AssistantCreateParams params =
                    AssistantCreateParams.builder().model("gpt-4o").build();

            // when
            Assistant created = client.beta().assistants().create(params).validate();
            Assistant retrieved = retrieveAssistant(created.id());

            // then
            assertThat(retrieved).isEqualTo(created);
            assertThat(retrieved.model()).isEqualTo("gpt-4o");
            assertThat(retrieved._name().isNull()).as("explicit null name").isTrue();
            assertThat(retrieved._description().isNull())
                    .as("explicit null description")
                    .isTrue();
            assertThat(retrieved._instructions().isNull())
                    .as("explicit null instructions")
                    .isTrue();
            assertThat(retrieved.tools()).isEmpty();
            assertThat(retrieved.metadata().orElseThrow()._additionalProperties())
                    .isEmpty();
            assertThat(retrieved.temperature()).contains(1.0);
            assertThat(retrieved.topP()).contains(1.0);
            assertThat(retrieved.responseFormat().orElseThrow().isAuto()).isTrue();
            assertThat(retrieved._additionalProperties()).containsEntry("reasoning_effort", JsonNull.of());
        }

        @Test
        void modify_changes_name_clears_description_and_replaces_metadata() {
            // given
            Assistant original = OpenAiJava.createAssistant(
                    client,
                    AssistantCreateParams.builder()
                            .model("gpt-4o")
                            .name("Old name")
                            .description("To be cleared")
                            .instructions("Keep me.")
                            .metadata(AssistantCreateParams.Metadata.builder()
                                    .putAllAdditionalProperties(metadata("a", "1", "b", "2"))
                                    .build())
                            .build());

            // when
            Assistant modified = client.beta()
                    .assistants()
                    .update(
                            original.id(),
                            AssistantUpdateParams.builder()
                                    .name("New name")
                                    .description((String) null)
                                    .metadata(AssistantUpdateParams.Metadata.builder()
                                            .putAllAdditionalProperties(metadata("c", "3"))
                                            .build())
                                    .build())
                    .validate();

            // then
            Assistant retrieved = retrieveAssistant(original.id());
            assertThat(retrieved).isEqualTo(modified);
            assertThat(retrieved.name()).contains("New name");
            assertThat(retrieved._description().isNull())
                    .as("description cleared to null")
                    .isTrue();
            assertThat(strings(retrieved.metadata().orElseThrow()._additionalProperties()))
                    .containsExactly(Map.entry("c", "3"));
            assertThat(retrieved.instructions()).contains("Keep me.");
            assertThat(retrieved.model()).isEqualTo("gpt-4o");
            assertThat(retrieved.createdAt()).isEqualTo(original.createdAt());
        }

        @Test
        void deleted_assistant_is_gone() {
            // given
            Assistant created = createAssistant("Short-lived");

            // when
            AssistantDeleted deleted =
                    client.beta().assistants().delete(created.id()).validate();

            // then
            assertThat(deleted.id()).isEqualTo(created.id());
            assertThat(deleted.deleted()).isTrue();
            assertThat(deleted._object_()).isEqualTo(JsonValue.from("assistant.deleted"));
            NotFoundException notFound = thrownBy(
                    NotFoundException.class, () -> client.beta().assistants().retrieve(created.id()));
            assertNotFound(notFound, created.id());
        }
    }

    @Nested
    class AssistantLists {

        private List<String> createdIds;

        @BeforeEach
        void createSevenAssistants() {
            createdIds = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                createdIds.add(createAssistant("assistant " + i).id());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"asc", "desc"})
        void list_pages_with_after_in_both_orders(String order) {
            // given
            List<String> expected = inOrder(createdIds, order);
            List<String> seen = new ArrayList<>();
            List<Boolean> hasMore = new ArrayList<>();
            String after = null;

            // when
            do {
                AssistantListPage page = listAssistants(order, 3, after, null);
                assertPageConsistent(page);
                seen.addAll(ids(page.data()));
                hasMore.add(page.response().hasMore());
                after = page.response().lastId();
            } while (hasMore.getLast());

            // then
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(hasMore).containsExactly(true, true, false);
        }

        @Test
        void has_more_is_false_only_when_the_page_reaches_the_end() {
            // when
            AssistantListPage allButOne = listAssistants("desc", 6, null, null);
            AssistantListPage exactlyAll = listAssistants("desc", 7, null, null);

            // then
            assertThat(allButOne.response().hasMore()).isTrue();
            assertThat(exactlyAll.response().hasMore()).isFalse();
            assertThat(ids(exactlyAll.data())).containsExactlyElementsOf(createdIds.reversed());
        }

        @Test
        void list_before_cursor_returns_the_items_preceding_it() {
            // when
            AssistantListPage ascNearest = listAssistants("asc", 2, null, createdIds.get(4));
            AssistantListPage ascAll = listAssistants("asc", 100, null, createdIds.get(4));
            AssistantListPage descNearest = listAssistants("desc", 2, null, createdIds.get(2));
            AssistantListPage descAll = listAssistants("desc", 100, null, createdIds.get(2));

            // then
            assertThat(ids(ascNearest.data())).containsExactly(createdIds.get(2), createdIds.get(3));
            assertThat(ids(ascAll.data())).containsExactlyElementsOf(createdIds.subList(0, 4));
            assertThat(ids(descNearest.data())).containsExactly(createdIds.get(4), createdIds.get(3));
            assertThat(ids(descAll.data()))
                    .containsExactly(createdIds.get(6), createdIds.get(5), createdIds.get(4), createdIds.get(3));
        }

        @Test
        void auto_pager_yields_every_assistant_once() {
            // when
            List<String> ascending = listAssistants("asc", 2, null, null).autoPager().stream()
                    .map(assistant -> assistant.validate().id())
                    .toList();
            List<String> byDefault =
                    ids(client.beta().assistants().list().autoPager().stream().toList());

            // then
            assertThat(ascending).containsExactlyElementsOf(createdIds);
            assertThat(byDefault).as("default order is newest first").containsExactlyElementsOf(createdIds.reversed());
        }

        private AssistantListPage listAssistants(String order, long limit, String after, String before) {
            return client.beta()
                    .assistants()
                    .list(AssistantListParams.builder()
                            .order(AssistantListParams.Order.of(order))
                            .limit(limit)
                            .after(after)
                            .before(before)
                            .build());
        }

        private void assertPageConsistent(AssistantListPage page) {
            page.response().validate();
            assertThat(page.response().firstId())
                    .isEqualTo(page.data().getFirst().id());
            assertThat(page.response().lastId()).isEqualTo(page.data().getLast().id());
        }
    }

    @Nested
    class Threads {

        @Test
        void empty_thread_is_created_retrieved_and_modified() {
            // given
            Thread created = client.beta().threads().create().validate();

            // when
            Thread modified = client.beta()
                    .threads()
                    .update(
                            created.id(),
                            ThreadUpdateParams.builder()
                                    .metadata(ThreadUpdateParams.Metadata.builder()
                                            .putAllAdditionalProperties(metadata("topic", "billing"))
                                            .build())
                                    .build())
                    .validate();

            // then
            assertThat(created.id()).startsWith("thread_");
            assertThat(created._object_()).isEqualTo(JsonValue.from("thread"));
            assertRecent(created.createdAt());
            assertThat(created.metadata().orElseThrow()._additionalProperties()).isEmpty();
            assertThat(created.toolResources()).as("tool_resources is {}").isPresent();
            Thread retrieved = client.beta().threads().retrieve(created.id()).validate();
            assertThat(retrieved).isEqualTo(modified);
            assertThat(strings(retrieved.metadata().orElseThrow()._additionalProperties()))
                    .containsExactly(Map.entry("topic", "billing"));
            assertThat(retrieved.createdAt()).isEqualTo(created.createdAt());
            assertThat(client.beta().threads().messages().list(created.id()).data())
                    .isEmpty();
        }

        @Test
        void thread_with_initial_messages_lists_them_in_given_order() {
            // given
            ThreadCreateParams params = ThreadCreateParams.builder()
                    .addMessage(OpenAiJava.threadMessage(ThreadCreateParams.Message.Role.USER, "Hello there"))
                    .addMessage(ThreadCreateParams.Message.builder()
                            .role(ThreadCreateParams.Message.Role.USER)
                            .contentOfArrayOfContentParts(
                                    List.of(textPart("Look at this"), imageUrlPart("https://example.com/cat.png")))
                            .build())
                    .addMessage(ThreadCreateParams.Message.builder()
                            .role(ThreadCreateParams.Message.Role.ASSISTANT)
                            .content("I will search the file")
                            .addAttachment(ThreadCreateParams.Message.Attachment.builder()
                                    .fileId(fileAbc)
                                    .addToolFileSearch()
                                    .addTool(CodeInterpreterTool.builder().build())
                                    .build())
                            .metadata(ThreadCreateParams.Message.Metadata.builder()
                                    .putAllAdditionalProperties(metadata("source", "upload"))
                                    .build())
                            .build())
                    .metadata(ThreadCreateParams.Metadata.builder()
                            .putAllAdditionalProperties(metadata("project", "apollo"))
                            .build())
                    .build();

            // when
            Thread thread = client.beta().threads().create(params).validate();
            List<Message> messages = listMessages(thread.id(), "asc", 20, null, null);

            // then
            assertThat(strings(thread.metadata().orElseThrow()._additionalProperties()))
                    .containsExactly(Map.entry("project", "apollo"));
            assertThat(messages).hasSize(3);
            assertThat(messages)
                    .allSatisfy(message -> assertThat(message.threadId()).isEqualTo(thread.id()));
            assertThat(text(messages.get(0))).isEqualTo("Hello there");
            assertTextAndImage(messages.get(1));
            assertAttachedFile(messages.get(2));
        }

        @Test
        void deleted_thread_and_its_messages_are_gone() {
            // given
            Thread thread = client.beta().threads().create();
            createMessage(thread.id(), MessageCreateParams.Role.USER, "soon gone");

            // when
            ThreadDeleted deleted = client.beta().threads().delete(thread.id()).validate();

            // then
            assertThat(deleted.id()).isEqualTo(thread.id());
            assertThat(deleted.deleted()).isTrue();
            assertThat(deleted._object_()).isEqualTo(JsonValue.from("thread.deleted"));
            assertNotFound(
                    thrownBy(
                            NotFoundException.class,
                            () -> client.beta().threads().retrieve(thread.id())),
                    thread.id());
            assertNotFound(
                    thrownBy(
                            NotFoundException.class,
                            () -> client.beta().threads().messages().list(thread.id())),
                    thread.id());
        }

        private void assertTextAndImage(Message message) {
            List<MessageContent> content = message.content();
            assertThat(content).hasSize(2);
            assertThat(content.get(0).asText().text().value()).isEqualTo("Look at this");
            ImageUrl image = content.get(1).asImageUrl().imageUrl();
            assertThat(image.url()).isEqualTo("https://example.com/cat.png");
            assertThat(image.detail()).contains(ImageUrl.Detail.HIGH);
        }

        private void assertAttachedFile(Message message) {
            assertThat(text(message)).isEqualTo("I will search the file");
            assertThat(message.role()).isEqualTo(Message.Role.ASSISTANT);
            List<Message.Attachment> attachments = message.attachments().orElseThrow();
            assertThat(attachments).hasSize(1);
            assertThat(attachments.getFirst().fileId()).contains(fileAbc);
            List<Message.Attachment.Tool> tools = attachments.getFirst().tools().orElseThrow();
            assertThat(tools).hasSize(2);
            assertThat(tools.get(0).isAssistantToolsFileSearchTypeOnly()).isTrue();
            assertThat(tools.get(1).isCodeInterpreter()).isTrue();
            assertThat(strings(message.metadata().orElseThrow()._additionalProperties()))
                    .containsExactly(Map.entry("source", "upload"));
        }
    }

    @Nested
    class Messages {

        private String threadId;

        @BeforeEach
        void createThread() {
            threadId = client.beta().threads().create().id();
        }

        @Test
        void messages_of_both_roles_are_created_and_retrieved() {
            // when
            Message question = createMessage(threadId, MessageCreateParams.Role.USER, "What is 2+2?");
            Message answer = createMessage(threadId, MessageCreateParams.Role.ASSISTANT, "4");

            // then
            assertPlainMessage(question, Message.Role.USER, "What is 2+2?");
            assertPlainMessage(answer, Message.Role.ASSISTANT, "4");
            assertThat(retrieveMessage(threadId, question.id())).isEqualTo(question);
            assertThat(retrieveMessage(threadId, answer.id())).isEqualTo(answer);
        }

        @ParameterizedTest
        @ValueSource(strings = {"asc", "desc"})
        void message_list_pages_with_after_in_both_orders(String order) {
            // given
            List<String> expected = inOrder(createMessages(5), order);
            List<String> seen = new ArrayList<>();
            String after = null;
            MessageListPage page;

            // when
            do {
                page = client.beta().threads().messages().list(threadId, params(order, 2, after, null));
                page.response().validate();
                seen.addAll(messageIds(page.data()));
                after = page.response().lastId();
            } while (page.response().hasMore());

            // then
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(page.data()).hasSize(1);
        }

        @Test
        void message_list_before_cursor_returns_the_items_preceding_it() {
            // given
            List<String> created = createMessages(5);

            // when
            List<Message> asc = listMessages(threadId, "asc", 2, null, created.get(3));
            List<Message> desc = listMessages(threadId, "desc", 2, null, created.get(1));

            // then
            assertThat(messageIds(asc)).containsExactly(created.get(1), created.get(2));
            assertThat(messageIds(desc)).containsExactly(created.get(3), created.get(2));
        }

        @Test
        void message_list_by_run_id_is_empty_while_no_run_exists() {
            // given
            createMessages(2);

            // when
            MessageListPage page = client.beta()
                    .threads()
                    .messages()
                    .list(
                            threadId,
                            MessageListParams.builder().runId("run_abc123").build());

            // then
            assertThat(page.data()).isEmpty();
            assertThat(page.response().hasMore()).isFalse();
            assertThat(page.hasNextPage()).isFalse();
        }

        @Test
        void message_metadata_is_modified_and_message_deleted() {
            // given
            Message message = createMessage(threadId, MessageCreateParams.Role.USER, "tag me");

            // when
            Message modified = client.beta()
                    .threads()
                    .messages()
                    .update(
                            message.id(),
                            MessageUpdateParams.builder()
                                    .threadId(threadId)
                                    .metadata(MessageUpdateParams.Metadata.builder()
                                            .putAllAdditionalProperties(metadata("reviewed", "yes"))
                                            .build())
                                    .build())
                    .validate();
            MessageDeleted deleted = client.beta()
                    .threads()
                    .messages()
                    .delete(
                            message.id(),
                            MessageDeleteParams.builder().threadId(threadId).build())
                    .validate();

            // then
            assertThat(strings(modified.metadata().orElseThrow()._additionalProperties()))
                    .containsExactly(Map.entry("reviewed", "yes"));
            assertThat(text(modified)).isEqualTo("tag me");
            assertThat(deleted.id()).isEqualTo(message.id());
            assertThat(deleted.deleted()).isTrue();
            assertThat(deleted._object_()).isEqualTo(JsonValue.from("thread.message.deleted"));
            assertNotFound(
                    thrownBy(NotFoundException.class, () -> retrieveMessage(threadId, message.id())), message.id());
            assertThat(listMessages(threadId, "desc", 20, null, null)).isEmpty();
        }

        @Test
        void message_retrieved_through_another_thread_is_not_found() {
            // given
            Message message = createMessage(threadId, MessageCreateParams.Role.USER, "mine");
            String otherThreadId = client.beta().threads().create().id();

            // when
            NotFoundException notFound =
                    thrownBy(NotFoundException.class, () -> retrieveMessage(otherThreadId, message.id()));

            // then
            assertNotFound(notFound, message.id());
        }

        private List<String> createMessages(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(createMessage(threadId, MessageCreateParams.Role.USER, "message " + i)
                        .id());
            }
            return ids;
        }

        private void assertPlainMessage(Message message, Message.Role role, String text) {
            assertThat(message.id()).startsWith("msg_");
            assertThat(message._object_()).isEqualTo(JsonValue.from("thread.message"));
            assertRecent(message.createdAt());
            assertThat(message.threadId()).isEqualTo(threadId);
            assertThat(message.role()).isEqualTo(role);
            assertThat(message.status()).isEqualTo(Message.Status.COMPLETED);
            assertThat(text(message)).isEqualTo(text);
            assertThat(message.content().getFirst().asText().text().annotations())
                    .isEmpty();
            assertThat(message._assistantId().isNull())
                    .as("explicit null assistant_id")
                    .isTrue();
            assertThat(message._runId().isNull()).as("explicit null run_id").isTrue();
            assertThat(message.attachments()).contains(List.of());
            assertThat(message.metadata().orElseThrow()._additionalProperties()).isEmpty();
        }
    }

    @Nested
    class Errors {

        @Test
        void metadata_with_seventeen_keys_is_a_bad_request() {
            // given
            Map<String, JsonValue> tooMany = new LinkedHashMap<>();
            for (int i = 0; i < 17; i++) {
                tooMany.put("key" + i, JsonValue.from("value"));
            }
            AssistantCreateParams params = AssistantCreateParams.builder()
                    .model("gpt-4o")
                    .metadata(AssistantCreateParams.Metadata.builder()
                            .putAllAdditionalProperties(tooMany)
                            .build())
                    .build();

            // when, then
            assertBadRequest(
                    () -> client.beta().assistants().create(params), "metadata", "object_above_max_properties");
        }

        @Test
        void temperature_above_two_is_a_bad_request() {
            // given
            AssistantCreateParams params = AssistantCreateParams.builder()
                    .model("gpt-4o")
                    .temperature(3.0)
                    .build();

            // when, then
            assertBadRequest(() -> client.beta().assistants().create(params), "temperature", "decimal_above_max_value");
        }

        @Test
        void list_limit_above_one_hundred_is_a_bad_request() {
            // given
            AssistantListParams params =
                    AssistantListParams.builder().limit(101L).build();

            // when, then
            assertBadRequest(() -> client.beta().assistants().list(params), "limit", "integer_above_max_value");
        }

        @Test
        void unknown_ids_are_not_found() {
            // given
            String threadId = client.beta().threads().create().id();

            // then
            assertNotFound(
                    thrownBy(
                            NotFoundException.class,
                            () -> client.beta().assistants().retrieve("asst_missing")),
                    "asst_missing");
            assertNotFound(
                    thrownBy(
                            NotFoundException.class,
                            () -> client.beta().threads().retrieve("thread_missing")),
                    "thread_missing");
            assertNotFound(
                    thrownBy(NotFoundException.class, () -> retrieveMessage(threadId, "msg_missing")), "msg_missing");
            assertNotFound(
                    thrownBy(
                            NotFoundException.class,
                            () -> client.beta().assistants().delete("asst_missing")),
                    "asst_missing");
        }

        @Test
        void wrong_api_key_is_unauthorized_and_the_master_key_is_accepted() {
            try (AssistantsServer secured = TestServer.withMasterKey(dir.resolve("secured"))) {
                OpenAIClient wrong = TestServer.client(secured, "sk-wrong-key-0123456789");
                OpenAIClient right = TestServer.client(secured, TestServer.MASTER_KEY);
                try {
                    // when
                    UnauthorizedException error = thrownBy(
                            UnauthorizedException.class,
                            () -> wrong.beta().assistants().list());
                    Assistant created = OpenAiJava.createAssistant(
                            right,
                            AssistantCreateParams.builder().model("gpt-4o").build());

                    // then
                    assertThat(error.statusCode()).isEqualTo(401);
                    assertThat(error.type()).contains("invalid_request_error");
                    assertThat(error.code()).contains("invalid_api_key");
                    assertThat(error.getMessage()).doesNotContain("sk-wrong-key-0123456789");
                    assertThat(ids(right.beta().assistants().list().data())).containsExactly(created.id());
                } finally {
                    wrong.close();
                    right.close();
                }
            }
        }

        /** Asserts that {@code call} fails with a 400 whose param is {@code param} and code {@code code}. */
        private void assertBadRequest(ThrowingCallable call, String param, String code) {
            BadRequestException error = thrownBy(BadRequestException.class, call);
            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.type()).contains("invalid_request_error");
            assertThat(error.param()).contains(param);
            assertThat(error.code()).contains(code);
            assertThat(error.getMessage()).contains(param);
        }
    }

    @Nested
    class Models {

        private static final String MODEL_LIST = """
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: sk-upstream-test
                  - model_name: my-llama
                    litellm_params:
                      model: ollama/llama3
                      api_base: http://localhost:11434
                """;

        @Test
        void models_list_shows_the_configured_model_names() throws IOException {
            try (AssistantsServer configured = TestServer.start(dir.resolve("models"), modelListConfig())) {
                OpenAIClient modelsClient = TestServer.client(configured, "sk-test");
                try {
                    // when
                    List<Model> models = modelsClient.models().list().data();
                    Model llama = modelsClient.models().retrieve("my-llama").validate();

                    // then
                    models.forEach(Model::validate);
                    assertThat(models).extracting(Model::id).containsExactly("gpt-4o", "my-llama");
                    assertThat(llama.id()).isEqualTo("my-llama");
                } finally {
                    modelsClient.close();
                }
            }
        }

        @Test
        void assistant_with_an_unconfigured_model_is_a_bad_request() throws IOException {
            try (AssistantsServer configured = TestServer.start(dir.resolve("models"), modelListConfig())) {
                OpenAIClient modelsClient = TestServer.client(configured, "sk-test");
                try {
                    // when
                    BadRequestException error = thrownBy(
                            BadRequestException.class,
                            () -> OpenAiJava.createAssistant(
                                    modelsClient,
                                    AssistantCreateParams.builder()
                                            .model("gpt-unknown")
                                            .build()));
                    Assistant known = OpenAiJava.createAssistant(
                            modelsClient,
                            AssistantCreateParams.builder().model("my-llama").build());

                    // then
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.param()).contains("model");
                    assertThat(error.getMessage()).contains("gpt-unknown");
                    assertThat(known.model()).isEqualTo("my-llama");
                } finally {
                    modelsClient.close();
                }
            }
        }

        private ServerConfig modelListConfig() throws IOException {
            Path yaml = Files.writeString(dir.resolve("config.yaml"), MODEL_LIST);
            return ConfigLoader.load(yaml, Map.of());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The openai-java client of {@code server}, for the tests of other classes that have no extension. */
    static OpenAIClient clientFor(AssistantsServer server, String apiKey) {
        return TestServer.client(server, apiKey);
    }

    private AssistantCreateParams.Builder fullAssistant() {
        return AssistantCreateParams.builder()
                .model("gpt-4o")
                .name("Math tutor")
                .description("Helps with algebra")
                .instructions("Answer step by step.")
                .addTool(CodeInterpreterTool.builder().build())
                .addTool(FileSearchTool.builder()
                        .fileSearch(FileSearchTool.FileSearch.builder()
                                .maxNumResults(7L)
                                .rankingOptions(FileSearchTool.FileSearch.RankingOptions.builder()
                                        .ranker(FileSearchTool.FileSearch.RankingOptions.Ranker.DEFAULT_2024_08_21)
                                        .scoreThreshold(0.25)
                                        .build())
                                .build())
                        .build())
                .addTool(FunctionTool.builder().function(weatherFunction()).build())
                .toolResources(AssistantCreateParams.ToolResources.builder()
                        .codeInterpreter(AssistantCreateParams.ToolResources.CodeInterpreter.builder()
                                .addFileId(fileAbc)
                                .addFileId(fileDef)
                                .build())
                        .build())
                .metadata(AssistantCreateParams.Metadata.builder()
                        .putAllAdditionalProperties(metadata("team", "math", "tier", "gold"))
                        .build())
                .temperature(0.4)
                .topP(0.9)
                .responseFormat(answerFormat())
                .reasoningEffort(ReasoningEffort.LOW);
    }

    private static FunctionDefinition weatherFunction() {
        return FunctionDefinition.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .strict(true)
                .build();
    }

    private Assistant createAssistant(String name) {
        return OpenAiJava.createAssistant(
                client,
                AssistantCreateParams.builder().model("gpt-4o").name(name).build());
    }

    private Assistant retrieveAssistant(String id) {
        return client.beta().assistants().retrieve(id).validate();
    }

    private Message createMessage(String threadId, MessageCreateParams.Role role, String text) {
        return client.beta()
                .threads()
                .messages()
                .create(
                        threadId,
                        MessageCreateParams.builder().role(role).content(text).build())
                .validate();
    }

    private Message retrieveMessage(String threadId, String messageId) {
        return client.beta()
                .threads()
                .messages()
                .retrieve(
                        messageId,
                        MessageRetrieveParams.builder().threadId(threadId).build())
                .validate();
    }

    private List<Message> listMessages(String threadId, String order, long limit, String after, String before) {
        MessageListPage page = client.beta().threads().messages().list(threadId, params(order, limit, after, before));
        return page.data().stream().map(Message::validate).toList();
    }

    private static MessageListParams params(String order, long limit, String after, String before) {
        return MessageListParams.builder()
                .order(MessageListParams.Order.of(order))
                .limit(limit)
                .after(after)
                .before(before)
                .build();
    }

    private static MessageContentPartParam textPart(String text) {
        return MessageContentPartParam.ofText(
                TextContentBlockParam.builder().text(text).build());
    }

    private static MessageContentPartParam imageUrlPart(String url) {
        return MessageContentPartParam.ofImageUrl(ImageUrlContentBlock.builder()
                .imageUrl(
                        ImageUrl.builder().url(url).detail(ImageUrl.Detail.HIGH).build())
                .build());
    }

    private static String text(Message message) {
        assertThat(message.content()).hasSize(1);
        return message.content().getFirst().asText().text().value();
    }

    static Map<String, JsonValue> metadata(String... keysAndValues) {
        Map<String, JsonValue> metadata = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            metadata.put(keysAndValues[i], JsonValue.from(keysAndValues[i + 1]));
        }
        return metadata;
    }

    /** An SDK metadata map as plain strings, in wire order; fails on a value that is not a string. */
    static Map<String, String> strings(Map<String, JsonValue> properties) {
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
            strings.put(property.getKey(), property.getValue().asStringOrThrow());
        }
        return strings;
    }

    private static List<String> ids(List<Assistant> assistants) {
        return assistants.stream().map(Assistant::id).toList();
    }

    private static List<String> messageIds(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static List<String> inOrder(List<String> creationOrder, String order) {
        return order.equals("asc") ? creationOrder : creationOrder.reversed();
    }

    private void assertRecent(long createdAt) {
        assertThat(createdAt).isBetween(startedAt - 1, Instant.now().getEpochSecond() + 1);
    }

    private static void assertNotFound(NotFoundException error, String id) {
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.type()).contains("invalid_request_error");
        assertThat(error.getMessage()).contains(id);
    }

    private static <T extends OpenAIServiceException> T thrownBy(Class<T> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        return type.cast(thrown);
    }
}

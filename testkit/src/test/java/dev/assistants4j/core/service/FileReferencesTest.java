package dev.assistants4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.CodeInterpreterResources;
import dev.assistants4j.core.domain.MessageRole;
import dev.assistants4j.core.domain.TextContent;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.testkit.store.InMemoryBlobStore;
import dev.assistants4j.testkit.store.InMemoryStores;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The services refuse files of another project as they refuse files that do not exist: a 404 naming the field, and
 * nothing stored in the caller's project.
 */
class FileReferencesTest {

    private static final String OWNER = "proj_owner";
    private static final String OTHER = "proj_other";

    private InMemoryStores stores;
    private String ownersFile;
    private AssistantService assistants;
    private ThreadService threads;
    private MessageService messages;

    @BeforeEach
    void open() {
        stores = new InMemoryStores();
        Clock clock = Clock.systemUTC();
        FileService files =
                new FileService(stores.files(), new InMemoryBlobStore(), clock, FileService.DeletionHook.NONE);
        ownersFile = files.upload(OWNER, new FileUploadRequest("owner.txt", "assistants", new byte[] {1}))
                .id();
        FileReferences references = FileReferences.in(stores.files());
        assistants = new AssistantService(
                stores.assistants(), ModelCatalog.any(), clock, ToolResourcesResolver.AS_GIVEN, references);
        threads = new ThreadService(
                stores.threads(),
                clock,
                ToolResourcesResolver.AS_GIVEN,
                references,
                FileSearchAttachments.NONE,
                ThreadService.DeletionHook.NONE);
        messages =
                new MessageService(stores.threads(), stores.messages(), clock, references, FileSearchAttachments.NONE);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void a_file_of_another_project_is_not_found_for_an_assistant() {
        // when / then
        assertThatThrownBy(() -> assistants.create(OTHER, assistantWithCodeFile(ownersFile)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.param())
                        .contains("tool_resources.code_interpreter.file_ids[0]"))
                .hasMessage("No file found with id '" + ownersFile + "'.");
        assertThat(assistants.list(OTHER, PageRequest.firstPage()).data()).isEmpty();
        assertThat(assistants.create(OWNER, assistantWithCodeFile(ownersFile)).toolResources())
                .isEqualTo(codeFiles(ownersFile));
    }

    @Test
    void a_file_of_another_project_is_not_found_for_a_thread_or_a_message() {
        // given
        String otherThread = threads.create(OTHER, ThreadCreateRequest.empty()).id();

        // when / then
        assertThatThrownBy(
                        () -> threads.create(OTHER, new ThreadCreateRequest(List.of(message(ownersFile)), null, null)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.param())
                        .contains("messages[0].attachments[0].file_id"));
        assertThatThrownBy(() -> messages.create(OTHER, otherThread, message(ownersFile)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.param()).contains("attachments[0].file_id"));
        assertThat(messages.list(OTHER, otherThread, Optional.empty(), PageRequest.firstPage())
                        .data())
                .isEmpty();
    }

    private static AssistantCreateRequest assistantWithCodeFile(String fileId) {
        return new AssistantCreateRequest(
                "m", null, null, null, List.of(), codeFiles(fileId), null, null, null, null, null);
    }

    private static ToolResources codeFiles(String fileId) {
        return new ToolResources(new CodeInterpreterResources(List.of(fileId)), null);
    }

    private static MessageCreateRequest message(String fileId) {
        return new MessageCreateRequest(
                MessageRole.USER,
                List.of(TextContent.of("hi")),
                List.of(new Attachment(fileId, List.of(new Attachment.AttachmentTool("code_interpreter")))),
                null);
    }
}

package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.CodeInterpreterResources;
import dev.assistants4j.core.domain.FileSearchResources;
import dev.assistants4j.core.domain.NewVectorStore;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.FileStore;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Checks that the files a request names exist in the caller's project, before anything of the request is stored or
 * created: the {@code file_ids} of {@code tool_resources} (code_interpreter's, and those of the vector stores it asks
 * to create) and the {@code file_id} of message attachments. A file that does not exist, or belongs to another
 * project, is a 404 whose param is the full path of the id, for example {@code messages[1].attachments[0].file_id},
 * worded as an unknown vector store is: {@code No file found with id 'file-x'.} Thread-safe.
 */
public final class FileReferences {

    /** Checks nothing: for services built without the files of their project (unit tests). */
    public static final FileReferences UNCHECKED = new FileReferences((projectId, fileId) -> true);

    private final BiPredicate<String, String> exists;

    private FileReferences(BiPredicate<String, String> exists) {
        this.exists = exists;
    }

    /** Checks the files against {@code files}, which is scoped by project. */
    public static FileReferences in(FileStore files) {
        return new FileReferences(
                (projectId, fileId) -> files.find(projectId, fileId).isPresent());
    }

    /**
     * Checks the files of {@code resources} (null: none), given as the field {@code param} (such as {@code
     * tool_resources} or {@code thread.tool_resources}).
     */
    public void requireToolResources(String projectId, ToolResources resources, String param) {
        if (resources == null) {
            return;
        }
        CodeInterpreterResources code = resources.codeInterpreter();
        if (code != null) {
            requireAll(projectId, code.fileIds(), param + ".code_interpreter.file_ids");
        }
        FileSearchResources fileSearch = resources.fileSearch();
        if (fileSearch != null) {
            List<NewVectorStore> stores = fileSearch.newVectorStores();
            for (int i = 0; i < stores.size(); i++) {
                requireAll(
                        projectId, stores.get(i).fileIds(), param + ".file_search.vector_stores[" + i + "].file_ids");
            }
        }
    }

    /**
     * Checks the files of a thread to create: its tool_resources and its messages' attachments, the fields named
     * after {@code prefix} ({@code ""}, or {@code "thread."} for the thread of create-thread-and-run).
     */
    public void requireThread(String projectId, ThreadCreateRequest thread, String prefix) {
        requireToolResources(projectId, thread.toolResources(), prefix + "tool_resources");
        requireMessages(projectId, thread.messages(), prefix + "messages");
    }

    /** Checks the files attached to {@code messages}, given as the field {@code param} (such as {@code messages}). */
    public void requireMessages(String projectId, List<MessageCreateRequest> messages, String param) {
        for (int i = 0; i < messages.size(); i++) {
            requireAttachments(projectId, messages.get(i).attachments(), param + "[" + i + "].attachments");
        }
    }

    /** Checks the files of {@code attachments}, given as the field {@code param} (such as {@code attachments}). */
    public void requireAttachments(String projectId, List<Attachment> attachments, String param) {
        for (int i = 0; i < attachments.size(); i++) {
            require(projectId, attachments.get(i).fileId(), param + "[" + i + "].file_id");
        }
    }

    private void requireAll(String projectId, List<String> fileIds, String param) {
        for (int i = 0; i < fileIds.size(); i++) {
            require(projectId, fileIds.get(i), param + "[" + i + "]");
        }
    }

    private void require(String projectId, String fileId, String param) {
        if (!exists.test(projectId, fileId)) {
            throw new NotFoundException("No file found with id '" + fileId + "'.", param);
        }
    }
}

package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.CodeInterpreterResources;
import dev.assistants4j.core.domain.FileSearchResources;
import dev.assistants4j.core.domain.ImageFileContent;
import dev.assistants4j.core.domain.MessageContent;
import dev.assistants4j.core.domain.NewVectorStore;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.FileStore;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Checks that the files a request names exist in the caller's project, before anything of the request is stored or
 * created: the {@code file_ids} of {@code tool_resources} (code_interpreter's, and those of the vector stores it asks
 * to create), the {@code file_id} of message attachments and of {@code image_file} content parts. A file that does not
 * exist, or belongs to another project, is a 404 whose param is the full path of the id, for example {@code
 * messages[1].attachments[0].file_id}, worded as an unknown vector store is: {@code No file found with id 'file-x'.}
 * An {@code image_file} that is not a PNG, JPEG, GIF or WebP image of at most {@link ImageFiles#MAX_BYTES} is a 400
 * naming the part ({@code content[0].image_file.file_id}), refused at creation as OpenAI did. Thread-safe.
 */
public final class FileReferences {

    /** Checks nothing: for services built without the files of their project (unit tests). */
    public static final FileReferences UNCHECKED = new FileReferences((projectId, fileId) -> true, null);

    private final BiPredicate<String, String> exists;
    /** Checks image_file parts' content; null: only that their files exist. */
    private final ImageFiles images;

    private FileReferences(BiPredicate<String, String> exists, ImageFiles images) {
        this.exists = exists;
        this.images = images;
    }

    /** Checks the files against {@code files}, which is scoped by project; image_file parts only for existence. */
    public static FileReferences in(FileStore files) {
        return new FileReferences(
                (projectId, fileId) -> files.find(projectId, fileId).isPresent(), null);
    }

    /** As {@link #in(FileStore)}, and image_file parts must name images {@code images} can send. */
    public static FileReferences in(FileStore files, ImageFiles images) {
        return new FileReferences(
                (projectId, fileId) -> files.find(projectId, fileId).isPresent(), images);
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

    /**
     * Checks the files attached to {@code messages} and their image_file parts, given as the field {@code param} (such
     * as {@code messages}).
     */
    public void requireMessages(String projectId, List<MessageCreateRequest> messages, String param) {
        for (int i = 0; i < messages.size(); i++) {
            requireContent(projectId, messages.get(i).content(), param + "[" + i + "].content");
            requireAttachments(projectId, messages.get(i).attachments(), param + "[" + i + "].attachments");
        }
    }

    /** Checks the image_file parts of {@code content}, given as the field {@code param} (such as {@code content}). */
    public void requireContent(String projectId, List<MessageContent> content, String param) {
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) instanceof ImageFileContent image) {
                requireImage(projectId, image.imageFile().fileId(), param + "[" + i + "].image_file.file_id");
            }
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

    private void requireImage(String projectId, String fileId, String param) {
        require(projectId, fileId, param);
        if (images != null) {
            images.check(projectId, fileId).ifPresent(problem -> {
                throw refused(fileId, param, problem);
            });
        }
    }

    private static AssistantsException refused(String fileId, String param, ImageRead.Problem problem) {
        return switch (problem) {
            case ImageRead.Missing missing -> notFound(fileId, param); // deleted since it was found
            case ImageRead.NotAnImage notAnImage -> invalidImage(fileId, param, problem);
            case ImageRead.TooLarge tooLarge -> invalidImage(fileId, param, problem);
        };
    }

    private static InvalidRequestException invalidImage(String fileId, String param, ImageRead.Problem problem) {
        return new InvalidRequestException(
                "Invalid '" + param + "': the file " + fileId + " " + problem.reason(), param, "invalid_value");
    }

    private void require(String projectId, String fileId, String param) {
        if (!exists.test(projectId, fileId)) {
            throw notFound(fileId, param);
        }
    }

    private static NotFoundException notFound(String fileId, String param) {
        return new NotFoundException("No file found with id '" + fileId + "'.", param);
    }
}

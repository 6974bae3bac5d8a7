package dev.assistants4j.core.engine;

import dev.assistants4j.core.code.InputFile;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.Attachment;
import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.Message;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.store.Stores;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a run's code finds in {@code /mnt/data}: those attached to the thread's messages for code_interpreter
 * (newest message first), then the thread's {@code tool_resources.code_interpreter.file_ids}, then the assistant's.
 * Each is placed under its file name made safe ({@link InputFile#safeName}); when two different files get the same
 * name, the first in that order keeps it and the others are named {@code <stem>_<file id><extension>}. A file listed
 * twice is placed once; files deleted meanwhile are left out.
 */
final class CodeInputs {

    private CodeInputs() {}

    /** A file to place: its id and the name it gets in {@code /mnt/data}. */
    record Placed(String fileId, String name) {}

    /** @param messages the thread's messages, oldest first */
    static List<Placed> resolve(Stores stores, String projectId, Run run, List<Message> messages) {
        Set<String> ids = new LinkedHashSet<>();
        for (Message message : messages.reversed()) {
            for (Attachment attachment : message.attachments()) {
                if (attachment.isFor(CodeInterpreterTools.NAME)) {
                    ids.add(attachment.fileId());
                }
            }
        }
        stores.threads()
                .find(projectId, run.threadId())
                .map(AssistantThread::toolResources)
                .ifPresent(resources -> add(ids, resources));
        stores.assistants()
                .find(projectId, run.assistantId())
                .map(Assistant::toolResources)
                .ifPresent(resources -> add(ids, resources));
        List<Placed> placed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String id : ids) {
            Optional<FileObject> file = stores.files().find(projectId, id);
            if (file.isPresent()) {
                String name = InputFile.safeName(file.get().filename());
                if (!names.add(name)) {
                    name = renamed(name, id);
                    names.add(name);
                }
                placed.add(new Placed(id, name));
            }
        }
        return placed;
    }

    /** {@code data.csv} of {@code file-abc} becomes {@code data_file-abc.csv}. */
    static String renamed(String name, String fileId) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return InputFile.safeName(stem + "_" + fileId + extension);
    }

    private static void add(Set<String> ids, ToolResources resources) {
        if (resources.codeInterpreter() != null) {
            ids.addAll(resources.codeInterpreter().fileIds());
        }
    }
}

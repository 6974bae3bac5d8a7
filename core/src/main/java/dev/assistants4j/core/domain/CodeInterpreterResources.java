package dev.assistants4j.core.domain;

import java.util.List;

/** Files made available to code_interpreter (at most 20). */
public record CodeInterpreterResources(List<String> fileIds) {
    public CodeInterpreterResources {
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    }
}

package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import dev.assistants4j.core.store.ProjectStore;
import java.util.List;
import java.util.Optional;

/**
 * A project's objects as a whole: moved to another project (the default project's to a team), or deleted with a team
 * when asked. Deleting goes through {@link FileService} and {@link VectorStoreService} for files and vector stores, so
 * their content and search chunks go too, then removes every remaining row in one transaction. Code interpreter
 * sessions of deleted threads end when they idle out; a run still executing in the project fails at its next write.
 * Thread-safe.
 */
public final class ProjectObjects {

    private static final int PAGE = PageRequest.MAX_LIMIT;

    private final ProjectStore projects;
    private final FileService files;
    private final VectorStoreService vectorStores;

    public ProjectObjects(ProjectStore projects, FileService files, VectorStoreService vectorStores) {
        this.projects = projects;
        this.files = files;
        this.vectorStores = vectorStores;
    }

    /**
     * Objects that can be moved but not deleted (file content and chunks need their services): for the operators'
     * command line, which moves the default project and never deletes a team's objects.
     */
    public static ProjectObjects moveOnly(ProjectStore projects) {
        return new ProjectObjects(projects, null, null);
    }

    /** Gives every object of {@code fromProject} to {@code toProject}; returns how many rows moved. */
    public int move(String fromProject, String toProject) {
        return projects.move(fromProject, toProject);
    }

    /** Deletes every object of {@code projectId}, file content and search chunks included; returns how many rows. */
    public int delete(String projectId) {
        if (files == null || vectorStores == null) {
            throw new IllegalStateException("Deleting a project's objects needs the file and vector store services.");
        }
        int deleted = 0;
        for (List<VectorStore> page = vectorStorePage(projectId); !page.isEmpty(); page = vectorStorePage(projectId)) {
            page.forEach(store -> vectorStores.delete(projectId, store.id()));
            deleted += page.size();
        }
        for (List<FileObject> page = filePage(projectId); !page.isEmpty(); page = filePage(projectId)) {
            page.forEach(file -> files.delete(projectId, file.id()));
            deleted += page.size();
        }
        return deleted + projects.deleteAll(projectId);
    }

    private List<VectorStore> vectorStorePage(String projectId) {
        return vectorStores
                .list(projectId, new PageRequest(PAGE, ListOrder.ASC, Optional.empty(), Optional.empty()))
                .data();
    }

    private List<FileObject> filePage(String projectId) {
        return files.list(projectId, Optional.empty(), PAGE, ListOrder.ASC, Optional.empty())
                .data();
    }
}

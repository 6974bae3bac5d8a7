package dev.assistants4j.core.service;

import dev.assistants4j.core.domain.ToolResources;

/**
 * Turns the tool_resources of a request into the ones to store: checks that the vector stores it names exist in the
 * project and creates the ones it asks for inline ({@code vector_stores}). Thread-safe.
 */
@FunctionalInterface
public interface ToolResourcesResolver {

    /**
     * The resources to store; null stays null.
     *
     * @throws dev.assistants4j.core.error.NotFoundException when a named vector store does not exist
     */
    ToolResources resolve(String projectId, ToolResources requested);

    /** The resources a modify request leaves: a value it sets, resolved; else {@code patch} applied to {@code current}. */
    default ToolResources resolve(String projectId, Patch<ToolResources> patch, ToolResources current) {
        return patch instanceof Patch.Value<ToolResources> given
                ? resolve(projectId, given.value())
                : patch.apply(current);
    }

    /** Stores the resources as requested (for servers without vector stores). */
    ToolResourcesResolver AS_GIVEN = (projectId, requested) -> requested;
}

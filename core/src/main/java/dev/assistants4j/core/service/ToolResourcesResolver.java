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

    /** Stores the resources as requested (for servers without vector stores). */
    ToolResourcesResolver AS_GIVEN = (projectId, requested) -> requested;
}

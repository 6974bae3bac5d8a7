package dev.assistants4j.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assistants4j.core.Ids;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.DeletedObject;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.NotFoundException;
import dev.assistants4j.core.store.AssistantStore;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.time.Clock;

/**
 * Create, read, modify, delete and list assistants of a project. Thread-safe.
 *
 * @param resources checks the vector stores an assistant names and creates the ones it asks for
 * @param files checks the files its tool_resources name, before anything is created
 */
public record AssistantService(
        AssistantStore store, ModelCatalog models, Clock clock, ToolResourcesResolver resources, FileReferences files) {

    private static final double DEFAULT_TEMPERATURE = 1.0;
    private static final double DEFAULT_TOP_P = 1.0;
    private static final JsonNode AUTO = TextNode.valueOf("auto");

    public Assistant create(String projectId, AssistantCreateRequest request) {
        requireKnownModel(request.model());
        files.requireToolResources(projectId, request.toolResources(), "tool_resources");
        Assistant assistant = new Assistant(
                Ids.next(Ids.ASSISTANT),
                clock.instant().getEpochSecond(),
                request.name(),
                request.description(),
                request.model(),
                request.instructions(),
                request.tools(),
                resources.resolve(projectId, request.toolResources()),
                request.metadata(),
                orDefault(request.temperature(), DEFAULT_TEMPERATURE),
                orDefault(request.topP(), DEFAULT_TOP_P),
                request.responseFormat() == null ? AUTO : request.responseFormat(),
                request.reasoningEffort());
        store.insert(projectId, assistant);
        return assistant;
    }

    public Assistant retrieve(String projectId, String assistantId) {
        return store.find(projectId, assistantId).orElseThrow(() -> NotFoundException.of("assistant", assistantId));
    }

    public Assistant modify(String projectId, String assistantId, AssistantModifyRequest request) {
        Assistant current = retrieve(projectId, assistantId);
        String model = request.model().apply(current.model());
        if (model == null) {
            throw new InvalidRequestException("'model' cannot be null.", "model");
        }
        if (!model.equals(current.model())) {
            requireKnownModel(model);
        }
        if (request.toolResources() instanceof Patch.Value<ToolResources> given) {
            files.requireToolResources(projectId, given.value(), "tool_resources");
        }
        JsonNode responseFormat = request.responseFormat().apply(current.responseFormat());
        Assistant modified = new Assistant(
                current.id(),
                current.createdAt(),
                request.name().apply(current.name()),
                request.description().apply(current.description()),
                model,
                request.instructions().apply(current.instructions()),
                request.tools().apply(current.tools()),
                resources.resolve(projectId, request.toolResources(), current.toolResources()),
                request.metadata().apply(current.metadata()),
                orDefault(request.temperature().apply(current.temperature()), DEFAULT_TEMPERATURE),
                orDefault(request.topP().apply(current.topP()), DEFAULT_TOP_P),
                responseFormat == null ? AUTO : responseFormat,
                request.reasoningEffort().apply(current.reasoningEffort()));
        if (!store.update(projectId, modified)) {
            throw NotFoundException.of("assistant", assistantId);
        }
        return modified;
    }

    public DeletedObject delete(String projectId, String assistantId) {
        if (!store.delete(projectId, assistantId)) {
            throw NotFoundException.of("assistant", assistantId);
        }
        return DeletedObject.of(assistantId, "assistant");
    }

    public Page<Assistant> list(String projectId, PageRequest page) {
        return store.list(projectId, page);
    }

    private void requireKnownModel(String model) {
        if (!models.supports(model)) {
            throw new InvalidRequestException(
                    "The model '" + model + "' does not exist or is not configured on this server.",
                    "model",
                    "model_not_found");
        }
    }

    private static Double orDefault(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}

package dev.assistants4j.server.http;

import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.service.AssistantService;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.MessageService;
import dev.assistants4j.core.service.ThreadService;
import dev.assistants4j.core.service.VectorStoreServices;
import java.nio.file.Path;

/**
 * The Assistants API's routes on their services: assistants, threads, messages, runs and their steps, files and vector
 * stores. Over HTTP and in-process alike, they are registered here, in the order their paths need.
 *
 * @param uploadSpool where uploads over HTTP are spooled while they are read
 * @param maxUploadBytes uploaded files larger than this are refused (413)
 */
public record AssistantsApi(
        AssistantService assistants,
        ThreadService threads,
        MessageService messages,
        RunService runs,
        FileService files,
        VectorStoreServices vectorStores,
        Path uploadSpool,
        long maxUploadBytes) {

    public void register(ApiRouter router) {
        new AssistantsRoutes(assistants).register(router);
        new RunsRoutes(runs).register(router); // before ThreadsRoutes: POST /threads/runs
        new ThreadsRoutes(threads).register(router);
        new MessagesRoutes(messages).register(router);
        new FilesRoutes(files, uploadSpool, maxUploadBytes).register(router);
        new VectorStoresRoutes(vectorStores).register(router);
    }
}

package dev.assistants4j.server;

import dev.assistants4j.core.code.CodeInterpreterSource;
import dev.assistants4j.core.code.SessionKey;
import dev.assistants4j.core.engine.EngineSettings;
import dev.assistants4j.core.engine.ModelRouter;
import dev.assistants4j.core.engine.NodeSettings;
import dev.assistants4j.core.engine.RunAccess;
import dev.assistants4j.core.engine.RunService;
import dev.assistants4j.core.search.FileSearch;
import dev.assistants4j.core.search.Retrieval;
import dev.assistants4j.core.service.AssistantService;
import dev.assistants4j.core.service.FileReferences;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.ImageFiles;
import dev.assistants4j.core.service.IngestionSharing;
import dev.assistants4j.core.service.MessageService;
import dev.assistants4j.core.service.ModelCatalog;
import dev.assistants4j.core.service.ThreadService;
import dev.assistants4j.core.service.VectorStoreServices;
import dev.assistants4j.core.store.BlobStore;
import dev.assistants4j.core.store.Stores;
import dev.assistants4j.server.http.AssistantsApi;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The core services of one server, each built once and handed to the others: what the HTTP routes call, and what an
 * in-process client can call without HTTP. Closing stops the run engine and the ingestion workers. Thread-safe.
 */
record Services(
        AssistantService assistants,
        ThreadService threads,
        MessageService messages,
        RunService runs,
        FileService files,
        VectorStoreServices vectorStores)
        implements AutoCloseable {

    /**
     * Wires the services on {@code stores}.
     *
     * @param models the model names assistants may name
     * @param fileSearch what runs' file_search calls search; empty: the vector stores
     * @param code the code interpreter of runs' code_interpreter calls; its sessions end with their threads
     * @param access the gate runs' model calls pass, and the key each run charges
     */
    static Services wire(
            Stores stores,
            BlobStore blobs,
            Retrieval retrieval,
            ModelRouter router,
            ModelCatalog models,
            Optional<FileSearch> fileSearch,
            CodeInterpreterSource code,
            Clock clock,
            EngineSettings engine,
            RunAccess access) {
        NodeSettings node = engine.node();
        VectorStoreServices vectorStores = new VectorStoreServices(
                stores,
                blobs,
                retrieval,
                clock,
                node.shared()
                        ? Optional.of(new IngestionSharing(node.nodeId(), node.leaseTime(), node.takeoverScan()))
                        : Optional.empty());
        try {
            FileService files = new FileService(stores.files(), blobs, clock, vectorStores.files());
            FileReferences references = FileReferences.in(stores.files(), new ImageFiles(files));
            ThreadService threads = new ThreadService(
                    stores.threads(),
                    clock,
                    vectorStores.resources(),
                    references,
                    vectorStores.search()::attachThreadFiles,
                    (projectId, threadId) -> code.closeSession(new SessionKey(projectId, threadId)));
            return new Services(
                    new AssistantService(stores.assistants(), models, clock, vectorStores.resources(), references),
                    threads,
                    new MessageService(
                            stores.threads(),
                            stores.messages(),
                            clock,
                            references,
                            vectorStores.search()::attachThreadFiles),
                    new RunService(
                            stores,
                            threads,
                            files,
                            router,
                            fileSearch.orElse(vectorStores.search()),
                            code,
                            clock,
                            engine,
                            access),
                    files,
                    vectorStores);
        } catch (RuntimeException e) {
            vectorStores.close();
            throw e;
        }
    }

    /**
     * The Assistants API's routes on these services, for either transport.
     *
     * @param dataDir where uploads over HTTP are spooled ({@code tmp/uploads})
     */
    AssistantsApi api(Path dataDir, long maxUploadBytes) {
        return new AssistantsApi(
                assistants,
                threads,
                messages,
                runs,
                files,
                vectorStores,
                dataDir.resolve("tmp").resolve("uploads"),
                maxUploadBytes);
    }

    /** Brings what a previous process left unfinished to an end, before clients can see it. */
    void recover() {
        runs.recover(); // runs left unfinished
        vectorStores.recover(); // re-queues the files left in progress (shared: those no live node ingests)
    }

    @Override
    public void close() {
        runs.close();
        vectorStores.close();
    }
}

package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.VectorStoreFileService;
import dev.assistants4j.core.service.VectorStoreSearch;
import dev.assistants4j.core.service.VectorStoreService;
import dev.assistants4j.core.service.VectorStoreServices;
import java.util.Optional;

/**
 * {@code /vector_stores}: the stores, their files (with their parsed content), file batches and search. Files are
 * processed in the background; clients poll the file or batch until it is no longer {@code in_progress}, and the
 * responses they poll carry {@link PollAfter the SDKs' poll interval}.
 */
public final class VectorStoresRoutes {

    private static final String STORE = "/vector_stores/{vector_store_id}";
    private static final String FILE = STORE + "/files/{file_id}";
    private static final String BATCH = STORE + "/file_batches/{batch_id}";

    private final VectorStoreService vectorStores;
    private final VectorStoreFileService files;
    private final VectorStoreSearch search;

    public VectorStoresRoutes(VectorStoreServices services) {
        this.vectorStores = services.vectorStores();
        this.files = services.files();
        this.search = services.search();
    }

    public void register(ApiRouter router) {
        router.post("/vector_stores", this::create);
        router.get("/vector_stores", this::list);
        router.get(STORE, this::retrieve);
        router.post(STORE, this::modify);
        router.delete(STORE, this::delete);
        router.post(STORE + "/search", this::search);
        router.post(STORE + "/files", this::addFile);
        router.get(STORE + "/files", this::listFiles);
        router.get(FILE, this::retrieveFile);
        router.post(FILE, this::updateFile);
        router.delete(FILE, this::deleteFile);
        router.get(FILE + "/content", this::fileContent);
        router.post(STORE + "/file_batches", this::createBatch);
        router.get(BATCH, this::retrieveBatch);
        router.post(BATCH + "/cancel", this::cancelBatch);
        router.get(BATCH + "/files", this::listBatchFiles);
    }

    private void create(ApiExchange call) {
        PollAfter.header(call);
        var request = VectorStoreRequests.create(call.body());
        call.json(vectorStores.create(call.projectId(), request));
    }

    private void list(ApiExchange call) {
        call.json(ListResponse.of(vectorStores.list(call.projectId(), ListQuery.page(call)), VectorStore::id));
    }

    private void retrieve(ApiExchange call) {
        PollAfter.header(call);
        call.json(vectorStores.retrieve(call.projectId(), storeId(call)));
    }

    private void modify(ApiExchange call) {
        var request = VectorStoreRequests.modify(call.body());
        call.json(vectorStores.modify(call.projectId(), storeId(call), request));
    }

    private void delete(ApiExchange call) {
        call.json(vectorStores.delete(call.projectId(), storeId(call)));
    }

    private void search(ApiExchange call) {
        var request = SearchRequests.search(call.body());
        call.json(search.search(call.projectId(), storeId(call), request));
    }

    private void addFile(ApiExchange call) {
        PollAfter.header(call);
        var request = VectorStoreRequests.file(call.body());
        call.json(files.addFile(call.projectId(), storeId(call), request));
    }

    private void listFiles(ApiExchange call) {
        var page = ListQuery.page(call);
        var listed = files.listFiles(call.projectId(), storeId(call), filter(call), page);
        call.json(ListResponse.of(listed, VectorStoreFile::id));
    }

    private void retrieveFile(ApiExchange call) {
        PollAfter.header(call);
        call.json(files.retrieveFile(call.projectId(), storeId(call), call.pathParam("file_id")));
    }

    private void updateFile(ApiExchange call) {
        var attributes = VectorStoreRequests.attributesUpdate(call.body());
        call.json(files.updateFileAttributes(call.projectId(), storeId(call), call.pathParam("file_id"), attributes));
    }

    private void deleteFile(ApiExchange call) {
        call.json(files.deleteFile(call.projectId(), storeId(call), call.pathParam("file_id")));
    }

    private void fileContent(ApiExchange call) {
        call.json(files.fileContent(call.projectId(), storeId(call), call.pathParam("file_id")));
    }

    private void createBatch(ApiExchange call) {
        PollAfter.header(call);
        var requested = VectorStoreRequests.batch(call.body());
        call.json(files.createBatch(call.projectId(), storeId(call), requested));
    }

    private void retrieveBatch(ApiExchange call) {
        PollAfter.header(call);
        call.json(files.retrieveBatch(call.projectId(), storeId(call), call.pathParam("batch_id")));
    }

    private void cancelBatch(ApiExchange call) {
        call.emptyBody();
        PollAfter.header(call);
        call.json(files.cancelBatch(call.projectId(), storeId(call), call.pathParam("batch_id")));
    }

    private void listBatchFiles(ApiExchange call) {
        var page = ListQuery.page(call);
        var listed =
                files.listBatchFiles(call.projectId(), storeId(call), call.pathParam("batch_id"), filter(call), page);
        call.json(ListResponse.of(listed, VectorStoreFile::id));
    }

    private static String storeId(ApiExchange call) {
        return call.pathParam("vector_store_id");
    }

    /** {@code filter}: in_progress, completed, failed or cancelled. */
    private static Optional<VectorStoreFileStatus> filter(ApiExchange call) {
        return ListQuery.filter(call, "filter").map(raw -> {
            for (VectorStoreFileStatus status : VectorStoreFileStatus.values()) {
                if (status.wireName().equals(raw)) {
                    return status;
                }
            }
            throw new InvalidRequestException(
                    "Invalid value for 'filter': '" + raw + "'. Supported values are: cancelled, completed, failed,"
                            + " in_progress.",
                    "filter",
                    "invalid_value");
        });
    }
}

package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.VectorStore;
import dev.assistants4j.core.domain.VectorStoreFile;
import dev.assistants4j.core.domain.VectorStoreFileStatus;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.service.VectorStoreFileService;
import dev.assistants4j.core.service.VectorStoreSearch;
import dev.assistants4j.core.service.VectorStoreService;
import dev.assistants4j.core.service.VectorStoreServices;
import io.javalin.http.Context;
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

    private void create(Context ctx) {
        PollAfter.header(ctx);
        var request = VectorStoreRequests.create(JsonObjectReader.body(ctx));
        ctx.json(vectorStores.create(Auth.projectId(ctx), request));
    }

    private void list(Context ctx) {
        ctx.json(ListResponse.of(vectorStores.list(Auth.projectId(ctx), ListQuery.page(ctx)), VectorStore::id));
    }

    private void retrieve(Context ctx) {
        PollAfter.header(ctx);
        ctx.json(vectorStores.retrieve(Auth.projectId(ctx), storeId(ctx)));
    }

    private void modify(Context ctx) {
        var request = VectorStoreRequests.modify(JsonObjectReader.body(ctx));
        ctx.json(vectorStores.modify(Auth.projectId(ctx), storeId(ctx), request));
    }

    private void delete(Context ctx) {
        ctx.json(vectorStores.delete(Auth.projectId(ctx), storeId(ctx)));
    }

    private void search(Context ctx) {
        var request = SearchRequests.search(JsonObjectReader.body(ctx));
        ctx.json(search.search(Auth.projectId(ctx), storeId(ctx), request));
    }

    private void addFile(Context ctx) {
        PollAfter.header(ctx);
        var request = VectorStoreRequests.file(JsonObjectReader.body(ctx));
        ctx.json(files.addFile(Auth.projectId(ctx), storeId(ctx), request));
    }

    private void listFiles(Context ctx) {
        var page = ListQuery.page(ctx);
        var listed = files.listFiles(Auth.projectId(ctx), storeId(ctx), filter(ctx), page);
        ctx.json(ListResponse.of(listed, VectorStoreFile::id));
    }

    private void retrieveFile(Context ctx) {
        PollAfter.header(ctx);
        ctx.json(files.retrieveFile(Auth.projectId(ctx), storeId(ctx), ctx.pathParam("file_id")));
    }

    private void updateFile(Context ctx) {
        var attributes = VectorStoreRequests.attributesUpdate(JsonObjectReader.body(ctx));
        ctx.json(files.updateFileAttributes(Auth.projectId(ctx), storeId(ctx), ctx.pathParam("file_id"), attributes));
    }

    private void deleteFile(Context ctx) {
        ctx.json(files.deleteFile(Auth.projectId(ctx), storeId(ctx), ctx.pathParam("file_id")));
    }

    private void fileContent(Context ctx) {
        ctx.json(files.fileContent(Auth.projectId(ctx), storeId(ctx), ctx.pathParam("file_id")));
    }

    private void createBatch(Context ctx) {
        PollAfter.header(ctx);
        var requested = VectorStoreRequests.batch(JsonObjectReader.body(ctx));
        ctx.json(files.createBatch(Auth.projectId(ctx), storeId(ctx), requested));
    }

    private void retrieveBatch(Context ctx) {
        PollAfter.header(ctx);
        ctx.json(files.retrieveBatch(Auth.projectId(ctx), storeId(ctx), ctx.pathParam("batch_id")));
    }

    private void cancelBatch(Context ctx) {
        JsonObjectReader.emptyBody(ctx);
        PollAfter.header(ctx);
        ctx.json(files.cancelBatch(Auth.projectId(ctx), storeId(ctx), ctx.pathParam("batch_id")));
    }

    private void listBatchFiles(Context ctx) {
        var page = ListQuery.page(ctx);
        var listed =
                files.listBatchFiles(Auth.projectId(ctx), storeId(ctx), ctx.pathParam("batch_id"), filter(ctx), page);
        ctx.json(ListResponse.of(listed, VectorStoreFile::id));
    }

    private static String storeId(Context ctx) {
        return ctx.pathParam("vector_store_id");
    }

    /** {@code filter}: in_progress, completed, failed or cancelled. */
    private static Optional<VectorStoreFileStatus> filter(Context ctx) {
        return ListQuery.filter(ctx, "filter").map(raw -> {
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

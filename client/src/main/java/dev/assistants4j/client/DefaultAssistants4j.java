package dev.assistants4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.AssistantThread;
import dev.assistants4j.client.model.DeletedObject;
import dev.assistants4j.client.model.FileObject;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.Page;
import dev.assistants4j.client.model.Run;
import dev.assistants4j.client.model.RunStatus;
import dev.assistants4j.client.model.RunStep;
import dev.assistants4j.client.model.VectorStore;
import dev.assistants4j.client.model.VectorStoreFile;
import dev.assistants4j.client.model.VectorStoreFileBatch;
import dev.assistants4j.client.model.VectorStoreSearchPage;
import dev.assistants4j.client.params.AssistantParams;
import dev.assistants4j.client.params.ListParams;
import dev.assistants4j.client.params.MessageParams;
import dev.assistants4j.client.params.RunParams;
import dev.assistants4j.client.params.SearchParams;
import dev.assistants4j.client.params.ThreadParams;
import dev.assistants4j.client.params.ToolOutput;
import dev.assistants4j.client.params.VectorStoreParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The client over a {@link Transport}: each call shapes its request (path segments escaped, list queries, JSON
 * bodies) and reads the answer as a record. Thread-safe: it holds only the transport, an executor and settings.
 */
final class DefaultAssistants4j implements Assistants4j {

    /** Asks for file_search results' content in run steps. */
    static final String FILE_SEARCH_CONTENT = "step_details.tool_calls[*].file_search.results[*].content";

    private final Transport transport;
    private final Backoff backoff;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    DefaultAssistants4j(Transport transport) {
        this(transport, Backoff.DEFAULT);
    }

    DefaultAssistants4j(Transport transport, Backoff backoff) {
        this.transport = transport;
        this.backoff = backoff;
    }

    @Override
    public ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdown();
        transport.close();
    }

    /**
     * {@code template} with each {@code %s} replaced by the next id, escaped as a path segment.
     *
     * @throws IllegalArgumentException when an id is null or empty: {@code /assistants/} would name another route (the
     *     list), so the call would read the wrong object instead of failing
     */
    static String path(String template, String... ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null || ids[i].isEmpty()) {
                throw new IllegalArgumentException("Expected a non-empty id in " + template.replace("%s", "{id}")
                        + ", but id " + (i + 1) + " is " + (ids[i] == null ? "null" : "''"));
            }
        }
        Object[] escaped = Arrays.stream(ids)
                .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))
                .toArray();
        return template.formatted(escaped);
    }

    private <T> T get(String path, Class<T> type) {
        return Wire.read(transport.send(ApiRequest.get(path)), type);
    }

    private <T> T post(String path, ObjectNode body, Class<T> type) {
        return Wire.read(transport.send(ApiRequest.post(path, body)), type);
    }

    /** A POST without a body (cancel). */
    private <T> T post(String path, Class<T> type) {
        ApiRequest request = new ApiRequest(ApiRequest.Method.POST, path, List.of(), RequestBody.NONE);
        return Wire.read(transport.send(request), type);
    }

    private DeletedObject delete(String path) {
        return Wire.read(transport.send(ApiRequest.delete(path)), DeletedObject.class);
    }

    private <T> Page<T> list(ApiRequest request, ListParams params, Class<T> type) {
        ApiRequest withQuery = request.query("limit", params.limit())
                .query("order", params.order())
                .query("after", params.after())
                .query("before", params.before());
        JsonNode answer = transport.send(withQuery);
        return new Page<>(
                Wire.readList(answer.path("data"), type),
                answer.path("first_id").textValue(),
                answer.path("last_id").textValue(),
                answer.path("has_more").asBoolean(false),
                after -> list(request, params.after(after).before(null), type));
    }

    private <T> Page<T> list(String path, ListParams params, Class<T> type) {
        return list(ApiRequest.get(path), params, type);
    }

    private static ObjectNode metadataBody(Map<String, String> metadata) {
        ObjectNode body = Wire.object();
        body.set("metadata", Wire.MAPPER.valueToTree(metadata));
        return body;
    }

    private static boolean settled(Run run) {
        return run.status().terminal() || run.status() == RunStatus.REQUIRES_ACTION;
    }

    // Assistants

    @Override
    public Page<Assistant> getAssistants(ListParams params) {
        return list("/assistants", params, Assistant.class);
    }

    @Override
    public Assistant createAssistant(AssistantParams params) {
        return post("/assistants", Wire.body(params), Assistant.class);
    }

    @Override
    public Assistant getAssistant(String assistantId) {
        return get(path("/assistants/%s", assistantId), Assistant.class);
    }

    @Override
    public Assistant modifyAssistant(String assistantId, AssistantParams params) {
        return post(path("/assistants/%s", assistantId), Wire.body(params), Assistant.class);
    }

    @Override
    public DeletedObject deleteAssistant(String assistantId) {
        return delete(path("/assistants/%s", assistantId));
    }

    // Threads

    @Override
    public AssistantThread createThread(ThreadParams params) {
        return post("/threads", Wire.body(params), AssistantThread.class);
    }

    @Override
    public AssistantThread getThread(String threadId) {
        return get(path("/threads/%s", threadId), AssistantThread.class);
    }

    @Override
    public AssistantThread modifyThread(String threadId, ThreadParams params) {
        return post(path("/threads/%s", threadId), Wire.body(params), AssistantThread.class);
    }

    @Override
    public DeletedObject deleteThread(String threadId) {
        return delete(path("/threads/%s", threadId));
    }

    // Messages

    @Override
    public Message addMessage(String threadId, MessageParams params) {
        return post(path("/threads/%s/messages", threadId), Wire.body(params), Message.class);
    }

    @Override
    public Page<Message> getMessages(String threadId, ListParams params) {
        return list(path("/threads/%s/messages", threadId), params, Message.class);
    }

    @Override
    public Message getMessage(String threadId, String messageId) {
        return get(path("/threads/%s/messages/%s", threadId, messageId), Message.class);
    }

    @Override
    public Message modifyMessage(String threadId, String messageId, Map<String, String> metadata) {
        return post(path("/threads/%s/messages/%s", threadId, messageId), metadataBody(metadata), Message.class);
    }

    @Override
    public DeletedObject deleteMessage(String threadId, String messageId) {
        return delete(path("/threads/%s/messages/%s", threadId, messageId));
    }

    // Runs

    private static ApiRequest runRequest(String path, ObjectNode body, RunParams params) {
        return ApiRequest.post(path, body).query("include[]", params.fileSearchContent() ? FILE_SEARCH_CONTENT : null);
    }

    private static ObjectNode threadAndRunBody(ThreadParams thread, RunParams params) {
        ObjectNode body = Wire.body(params);
        body.set("thread", Wire.body(thread));
        return body;
    }

    private static ObjectNode streaming(ObjectNode body) {
        return body.put("stream", true);
    }

    @Override
    public Run createRun(String threadId, RunParams params) {
        ApiRequest request = runRequest(path("/threads/%s/runs", threadId), Wire.body(params), params);
        return Wire.read(transport.send(request), Run.class);
    }

    @Override
    public Run runThread(String threadId, RunParams params) {
        return pollUntilSettled(createRun(threadId, params));
    }

    @Override
    public RunStream runThreadStream(String threadId, RunParams params) {
        ObjectNode body = streaming(Wire.body(params));
        return new RunStream(transport.stream(runRequest(path("/threads/%s/runs", threadId), body, params)));
    }

    @Override
    public Run createThreadAndRun(ThreadParams thread, RunParams params) {
        ApiRequest request = runRequest("/threads/runs", threadAndRunBody(thread, params), params);
        return Wire.read(transport.send(request), Run.class);
    }

    @Override
    public RunStream createThreadAndRunStream(ThreadParams thread, RunParams params) {
        ObjectNode body = streaming(threadAndRunBody(thread, params));
        return new RunStream(transport.stream(runRequest("/threads/runs", body, params)));
    }

    @Override
    public Run pollRun(String threadId, String runId) {
        return pollUntilSettled(getRun(threadId, runId));
    }

    private Run pollUntilSettled(Run run) {
        return backoff.until(run, DefaultAssistants4j::settled, current -> getRun(current.threadId(), current.id()));
    }

    @Override
    public Page<Run> listRuns(String threadId, ListParams params) {
        return list(path("/threads/%s/runs", threadId), params, Run.class);
    }

    @Override
    public Run getRun(String threadId, String runId) {
        return get(path("/threads/%s/runs/%s", threadId, runId), Run.class);
    }

    @Override
    public Run modifyRun(String threadId, String runId, Map<String, String> metadata) {
        return post(path("/threads/%s/runs/%s", threadId, runId), metadataBody(metadata), Run.class);
    }

    @Override
    public Run cancelRun(String threadId, String runId) {
        return post(path("/threads/%s/runs/%s/cancel", threadId, runId), Run.class);
    }

    private static ObjectNode toolOutputsBody(List<ToolOutput> outputs) {
        ObjectNode body = Wire.object();
        body.set("tool_outputs", Wire.MAPPER.valueToTree(outputs));
        return body;
    }

    @Override
    public Run submitToolOutputs(String threadId, String runId, List<ToolOutput> outputs) {
        String path = path("/threads/%s/runs/%s/submit_tool_outputs", threadId, runId);
        return post(path, toolOutputsBody(outputs), Run.class);
    }

    @Override
    public RunStream submitToolOutputsStream(String threadId, String runId, List<ToolOutput> outputs) {
        String path = path("/threads/%s/runs/%s/submit_tool_outputs", threadId, runId);
        return new RunStream(transport.stream(ApiRequest.post(path, streaming(toolOutputsBody(outputs)))));
    }

    // Run steps

    @Override
    public Page<RunStep> listRunSteps(String threadId, String runId, ListParams params, boolean fileSearchContent) {
        ApiRequest request = ApiRequest.get(path("/threads/%s/runs/%s/steps", threadId, runId))
                .query("include[]", fileSearchContent ? FILE_SEARCH_CONTENT : null);
        return list(request, params, RunStep.class);
    }

    @Override
    public RunStep getRunStep(String threadId, String runId, String stepId, boolean fileSearchContent) {
        ApiRequest request = ApiRequest.get(path("/threads/%s/runs/%s/steps/%s", threadId, runId, stepId))
                .query("include[]", fileSearchContent ? FILE_SEARCH_CONTENT : null);
        return Wire.read(transport.send(request), RunStep.class);
    }

    // Files

    @Override
    public FileObject uploadFile(Path path, String purpose) {
        try {
            return uploadFile(path.getFileName().toString(), Files.readAllBytes(path), purpose);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public FileObject uploadFile(String filename, byte[] content, String purpose) {
        RequestBody.FileUpload upload = new RequestBody.FileUpload(
                filename, content, URLConnection.guessContentTypeFromName(filename), Map.of("purpose", purpose));
        return Wire.read(transport.send(ApiRequest.upload("/files", upload)), FileObject.class);
    }

    @Override
    public Page<FileObject> listFiles(ListParams params) {
        return list("/files", params, FileObject.class);
    }

    @Override
    public FileObject getFile(String fileId) {
        return get(path("/files/%s", fileId), FileObject.class);
    }

    @Override
    public DeletedObject deleteFile(String fileId) {
        return delete(path("/files/%s", fileId));
    }

    @Override
    public byte[] fileContent(String fileId) {
        return transport.download(ApiRequest.get(path("/files/%s/content", fileId)));
    }

    // Vector stores

    @Override
    public VectorStore createVectorStore(VectorStoreParams params) {
        return post("/vector_stores", Wire.body(params), VectorStore.class);
    }

    @Override
    public Page<VectorStore> listVectorStores(ListParams params) {
        return list("/vector_stores", params, VectorStore.class);
    }

    @Override
    public VectorStore getVectorStore(String vectorStoreId) {
        return get(path("/vector_stores/%s", vectorStoreId), VectorStore.class);
    }

    @Override
    public VectorStore modifyVectorStore(String vectorStoreId, VectorStoreParams params) {
        return post(path("/vector_stores/%s", vectorStoreId), Wire.body(params), VectorStore.class);
    }

    @Override
    public DeletedObject deleteVectorStore(String vectorStoreId) {
        return delete(path("/vector_stores/%s", vectorStoreId));
    }

    @Override
    public VectorStoreSearchPage searchVectorStore(String vectorStoreId, SearchParams params) {
        return post(path("/vector_stores/%s/search", vectorStoreId), Wire.body(params), VectorStoreSearchPage.class);
    }

    @Override
    public VectorStoreFile createVectorStoreFile(String vectorStoreId, String fileId) {
        ObjectNode body = Wire.object().put("file_id", fileId);
        return post(path("/vector_stores/%s/files", vectorStoreId), body, VectorStoreFile.class);
    }

    @Override
    public Page<VectorStoreFile> listVectorStoreFiles(String vectorStoreId, ListParams params) {
        return list(path("/vector_stores/%s/files", vectorStoreId), params, VectorStoreFile.class);
    }

    @Override
    public VectorStoreFile getVectorStoreFile(String vectorStoreId, String fileId) {
        return get(path("/vector_stores/%s/files/%s", vectorStoreId, fileId), VectorStoreFile.class);
    }

    @Override
    public DeletedObject deleteVectorStoreFile(String vectorStoreId, String fileId) {
        return delete(path("/vector_stores/%s/files/%s", vectorStoreId, fileId));
    }

    @Override
    public VectorStoreFileBatch createFileBatch(String vectorStoreId, List<String> fileIds) {
        ObjectNode body = Wire.object();
        body.set("file_ids", Wire.MAPPER.valueToTree(fileIds));
        return post(path("/vector_stores/%s/file_batches", vectorStoreId), body, VectorStoreFileBatch.class);
    }

    @Override
    public VectorStoreFileBatch getFileBatch(String vectorStoreId, String batchId) {
        return get(path("/vector_stores/%s/file_batches/%s", vectorStoreId, batchId), VectorStoreFileBatch.class);
    }

    @Override
    public VectorStoreFileBatch cancelFileBatch(String vectorStoreId, String batchId) {
        String path = path("/vector_stores/%s/file_batches/%s/cancel", vectorStoreId, batchId);
        return post(path, VectorStoreFileBatch.class);
    }

    @Override
    public Page<VectorStoreFile> listFileBatchFiles(String vectorStoreId, String batchId, ListParams params) {
        String path = path("/vector_stores/%s/file_batches/%s/files", vectorStoreId, batchId);
        return list(path, params, VectorStoreFile.class);
    }

    @Override
    public VectorStoreFileBatch uploadAndPoll(String vectorStoreId, List<Path> files) {
        List<String> fileIds =
                files.stream().map(file -> uploadFile(file, "assistants").id()).toList();
        VectorStoreFileBatch batch = createFileBatch(vectorStoreId, fileIds);
        return backoff.until(
                batch,
                current -> !"in_progress".equals(current.status()),
                current -> getFileBatch(vectorStoreId, current.id()));
    }
}

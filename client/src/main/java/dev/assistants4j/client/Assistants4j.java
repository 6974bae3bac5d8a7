package dev.assistants4j.client;

import dev.assistants4j.client.model.Assistant;
import dev.assistants4j.client.model.AssistantThread;
import dev.assistants4j.client.model.DeletedObject;
import dev.assistants4j.client.model.FileObject;
import dev.assistants4j.client.model.Message;
import dev.assistants4j.client.model.Page;
import dev.assistants4j.client.model.Run;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Assistants API v2 for Java: LiteLLM's assistants calls with Java names ({@link #getAssistants},
 * {@link #createAssistant}, {@link #createThread}, {@link #addMessage}, {@link #getMessages}, {@link #runThread},
 * {@link #runThreadStream}, …), each with an {@code …Async} twin, and the rest of the API as typed records. Over HTTP
 * ({@link #connect}, {@link #http()}) or in-process ({@link #embedded(Path, Path)}, with {@code assistants4j-server} on
 * the class path); both give the same objects, events and errors.
 *
 * <p>Calls throw {@link ApiException} (its subclass for the status) for an error answer and
 * {@link ApiConnectionException} when no answer came. Thread-safe: share one instance; close it when done.
 */
public interface Assistants4j extends AutoCloseable {

    /** A client of the Assistants API at {@code baseUrl} (for example {@code http://localhost:4000/v1}). */
    static Assistants4j connect(String baseUrl, String apiKey) {
        return http().baseUrl(baseUrl).apiKey(apiKey).build();
    }

    /** A builder for a client over HTTP (base URL, key, Azure style, headers, timeouts, retries). */
    static HttpBuilder http() {
        return new HttpBuilder();
    }

    /** A client over {@code transport}; closing the client closes it. */
    static Assistants4j over(Transport transport) {
        return new DefaultAssistants4j(transport);
    }

    /**
     * A client of an engine started inside this JVM from {@code configFile} (a config.yaml), keeping its data in
     * {@code dataDir}; closing the client stops the engine. Needs {@code assistants4j-server} on the class path.
     */
    static Assistants4j embedded(Path configFile, Path dataDir) {
        return embedded().configFile(configFile).dataDir(dataDir).build();
    }

    /** A builder for an in-process client (config file or text, data dir, environment). */
    static EmbeddedBuilder embedded() {
        return new EmbeddedBuilder();
    }

    /** Where the {@code …Async} twins run their calls (virtual threads). */
    Executor executor();

    /** Closes the transport (for the embedded one, stops the engine). */
    @Override
    void close();

    // Assistants

    Page<Assistant> getAssistants(ListParams params);

    default Page<Assistant> getAssistants() {
        return getAssistants(ListParams.DEFAULT);
    }

    Assistant createAssistant(AssistantParams params);

    Assistant getAssistant(String assistantId);

    /** Changes the fields set in {@code params}. */
    Assistant modifyAssistant(String assistantId, AssistantParams params);

    DeletedObject deleteAssistant(String assistantId);

    // Threads

    AssistantThread createThread(ThreadParams params);

    default AssistantThread createThread() {
        return createThread(ThreadParams.builder().build());
    }

    AssistantThread getThread(String threadId);

    /** Changes the tool resources and metadata set in {@code params}. */
    AssistantThread modifyThread(String threadId, ThreadParams params);

    DeletedObject deleteThread(String threadId);

    // Messages

    Message addMessage(String threadId, MessageParams params);

    /** Adds a user message with {@code text}. */
    default Message addMessage(String threadId, String text) {
        return addMessage(threadId, MessageParams.user(text));
    }

    Page<Message> getMessages(String threadId, ListParams params);

    default Page<Message> getMessages(String threadId) {
        return getMessages(threadId, ListParams.DEFAULT);
    }

    Message getMessage(String threadId, String messageId);

    Message modifyMessage(String threadId, String messageId, Map<String, String> metadata);

    DeletedObject deleteMessage(String threadId, String messageId);

    // Runs

    /** Creates a run and waits until it has ended or requires action (polling, 100 ms growing to 1 s). */
    Run runThread(String threadId, RunParams params);

    /**
     * Runs the thread, answering the function calls with {@code functions} until the run ends; see
     * {@link Functions}.
     */
    default Run runThread(String threadId, RunParams params, Functions functions) {
        return functions.runThread(this, threadId, params);
    }

    /** Creates a run streaming its events: iterate the returned stream, then read its final run. */
    RunStream runThreadStream(String threadId, RunParams params);

    /** Creates a run, calls {@code handler} for its events and returns the run as the stream left it. */
    default Run runThreadStream(String threadId, RunParams params, AssistantEventHandler handler) {
        return StreamHandling.handle(runThreadStream(threadId, params), handler);
    }

    /** {@link #runThreadStream(String, RunParams, AssistantEventHandler)} answering function calls until the end. */
    default Run runThreadStream(String threadId, RunParams params, Functions functions, AssistantEventHandler handler) {
        return functions.runThreadStream(this, threadId, params, handler);
    }

    /** Creates a run and returns it at once (queued). */
    Run createRun(String threadId, RunParams params);

    /** Creates a run streaming its events: the same as {@link #runThreadStream(String, RunParams)}. */
    default RunStream createRunStream(String threadId, RunParams params) {
        return runThreadStream(threadId, params);
    }

    /** Creates a thread and a run on it, and returns the run at once (queued); {@link #pollRun} waits for it. */
    Run createThreadAndRun(ThreadParams thread, RunParams params);

    /** Creates a thread and a run on it, streaming (the first event is {@code thread.created}). */
    RunStream createThreadAndRunStream(ThreadParams thread, RunParams params);

    /** Creates a thread and a run on it, calls {@code handler} for its events and returns the run as it ended. */
    default Run createThreadAndRunStream(ThreadParams thread, RunParams params, AssistantEventHandler handler) {
        return StreamHandling.handle(createThreadAndRunStream(thread, params), handler);
    }

    /** Waits until the run has ended or requires action (polling, 100 ms growing to 1 s). */
    Run pollRun(String threadId, String runId);

    Page<Run> listRuns(String threadId, ListParams params);

    default Page<Run> listRuns(String threadId) {
        return listRuns(threadId, ListParams.DEFAULT);
    }

    Run getRun(String threadId, String runId);

    Run modifyRun(String threadId, String runId, Map<String, String> metadata);

    Run cancelRun(String threadId, String runId);

    /** Submits the outputs of the run's function calls and returns the run at once. */
    Run submitToolOutputs(String threadId, String runId, List<ToolOutput> outputs);

    /** Submits the outputs and waits until the run has ended or requires action again. */
    default Run submitToolOutputsAndPoll(String threadId, String runId, List<ToolOutput> outputs) {
        Run run = submitToolOutputs(threadId, runId, outputs);
        return run.status().terminal() ? run : pollRun(threadId, run.id());
    }

    /** Submits the outputs and streams the rest of the run. */
    RunStream submitToolOutputsStream(String threadId, String runId, List<ToolOutput> outputs);

    /** Submits the outputs, calls {@code handler} for the rest of the run and returns the run as it ended. */
    default Run submitToolOutputsStream(
            String threadId, String runId, List<ToolOutput> outputs, AssistantEventHandler handler) {
        return StreamHandling.handle(submitToolOutputsStream(threadId, runId, outputs), handler);
    }

    // Run steps

    /** The run's steps; with {@code fileSearchContent}, file_search results carry their content. */
    Page<RunStep> listRunSteps(String threadId, String runId, ListParams params, boolean fileSearchContent);

    default Page<RunStep> listRunSteps(String threadId, String runId) {
        return listRunSteps(threadId, runId, ListParams.DEFAULT, false);
    }

    RunStep getRunStep(String threadId, String runId, String stepId, boolean fileSearchContent);

    // Files

    /** Uploads the file at {@code path} for {@code purpose} ({@code assistants}, …). */
    FileObject uploadFile(Path path, String purpose);

    FileObject uploadFile(String filename, byte[] content, String purpose);

    Page<FileObject> listFiles(ListParams params);

    default Page<FileObject> listFiles() {
        return listFiles(ListParams.DEFAULT);
    }

    FileObject getFile(String fileId);

    DeletedObject deleteFile(String fileId);

    /** The file's bytes. */
    byte[] fileContent(String fileId);

    // Vector stores

    VectorStore createVectorStore(VectorStoreParams params);

    Page<VectorStore> listVectorStores(ListParams params);

    default Page<VectorStore> listVectorStores() {
        return listVectorStores(ListParams.DEFAULT);
    }

    VectorStore getVectorStore(String vectorStoreId);

    VectorStore modifyVectorStore(String vectorStoreId, VectorStoreParams params);

    DeletedObject deleteVectorStore(String vectorStoreId);

    VectorStoreSearchPage searchVectorStore(String vectorStoreId, SearchParams params);

    /** Adds an uploaded file to the vector store (indexing starts; poll its status). */
    VectorStoreFile createVectorStoreFile(String vectorStoreId, String fileId);

    Page<VectorStoreFile> listVectorStoreFiles(String vectorStoreId, ListParams params);

    VectorStoreFile getVectorStoreFile(String vectorStoreId, String fileId);

    /** Removes the file from the vector store (the file itself stays). */
    DeletedObject deleteVectorStoreFile(String vectorStoreId, String fileId);

    VectorStoreFileBatch createFileBatch(String vectorStoreId, List<String> fileIds);

    VectorStoreFileBatch getFileBatch(String vectorStoreId, String batchId);

    VectorStoreFileBatch cancelFileBatch(String vectorStoreId, String batchId);

    Page<VectorStoreFile> listFileBatchFiles(String vectorStoreId, String batchId, ListParams params);

    /** Uploads the files, adds them as one batch and waits until the batch is no longer in progress. */
    VectorStoreFileBatch uploadAndPoll(String vectorStoreId, List<Path> files);

    // Async twins of the usual calls, on executor(); async(client -> …) makes one of any other call

    default CompletableFuture<Page<Assistant>> getAssistantsAsync() {
        return onExecutor(this::getAssistants);
    }

    default CompletableFuture<Page<Assistant>> getAssistantsAsync(ListParams params) {
        return onExecutor(() -> getAssistants(params));
    }

    default CompletableFuture<Assistant> createAssistantAsync(AssistantParams params) {
        return onExecutor(() -> createAssistant(params));
    }

    default CompletableFuture<Assistant> getAssistantAsync(String assistantId) {
        return onExecutor(() -> getAssistant(assistantId));
    }

    default CompletableFuture<Assistant> modifyAssistantAsync(String assistantId, AssistantParams params) {
        return onExecutor(() -> modifyAssistant(assistantId, params));
    }

    default CompletableFuture<DeletedObject> deleteAssistantAsync(String assistantId) {
        return onExecutor(() -> deleteAssistant(assistantId));
    }

    default CompletableFuture<AssistantThread> createThreadAsync() {
        return onExecutor(this::createThread);
    }

    default CompletableFuture<AssistantThread> createThreadAsync(ThreadParams params) {
        return onExecutor(() -> createThread(params));
    }

    default CompletableFuture<AssistantThread> getThreadAsync(String threadId) {
        return onExecutor(() -> getThread(threadId));
    }

    default CompletableFuture<AssistantThread> modifyThreadAsync(String threadId, ThreadParams params) {
        return onExecutor(() -> modifyThread(threadId, params));
    }

    default CompletableFuture<DeletedObject> deleteThreadAsync(String threadId) {
        return onExecutor(() -> deleteThread(threadId));
    }

    default CompletableFuture<Message> addMessageAsync(String threadId, MessageParams params) {
        return onExecutor(() -> addMessage(threadId, params));
    }

    default CompletableFuture<Message> addMessageAsync(String threadId, String text) {
        return onExecutor(() -> addMessage(threadId, text));
    }

    default CompletableFuture<Page<Message>> getMessagesAsync(String threadId) {
        return onExecutor(() -> getMessages(threadId));
    }

    default CompletableFuture<Page<Message>> getMessagesAsync(String threadId, ListParams params) {
        return onExecutor(() -> getMessages(threadId, params));
    }

    default CompletableFuture<Run> runThreadAsync(String threadId, RunParams params) {
        return onExecutor(() -> runThread(threadId, params));
    }

    default CompletableFuture<Run> runThreadAsync(String threadId, RunParams params, Functions functions) {
        return onExecutor(() -> runThread(threadId, params, functions));
    }

    default CompletableFuture<Run> runThreadStreamAsync(
            String threadId, RunParams params, AssistantEventHandler handler) {
        return onExecutor(() -> runThreadStream(threadId, params, handler));
    }

    default CompletableFuture<Run> runThreadStreamAsync(
            String threadId, RunParams params, Functions functions, AssistantEventHandler handler) {
        return onExecutor(() -> runThreadStream(threadId, params, functions, handler));
    }

    default CompletableFuture<Run> createRunAsync(String threadId, RunParams params) {
        return onExecutor(() -> createRun(threadId, params));
    }

    default CompletableFuture<Run> createThreadAndRunAsync(ThreadParams thread, RunParams params) {
        return onExecutor(() -> createThreadAndRun(thread, params));
    }

    default CompletableFuture<Run> getRunAsync(String threadId, String runId) {
        return onExecutor(() -> getRun(threadId, runId));
    }

    default CompletableFuture<Run> cancelRunAsync(String threadId, String runId) {
        return onExecutor(() -> cancelRun(threadId, runId));
    }

    default CompletableFuture<Run> submitToolOutputsAsync(String threadId, String runId, List<ToolOutput> outputs) {
        return onExecutor(() -> submitToolOutputs(threadId, runId, outputs));
    }

    default CompletableFuture<Run> submitToolOutputsAndPollAsync(
            String threadId, String runId, List<ToolOutput> outputs) {
        return onExecutor(() -> submitToolOutputsAndPoll(threadId, runId, outputs));
    }

    default CompletableFuture<FileObject> uploadFileAsync(Path path, String purpose) {
        return onExecutor(() -> uploadFile(path, purpose));
    }

    default CompletableFuture<VectorStoreFileBatch> uploadAndPollAsync(String vectorStoreId, List<Path> files) {
        return onExecutor(() -> uploadAndPoll(vectorStoreId, files));
    }

    default CompletableFuture<Run> submitToolOutputsStreamAsync(
            String threadId, String runId, List<ToolOutput> outputs, AssistantEventHandler handler) {
        return onExecutor(() -> submitToolOutputsStream(threadId, runId, outputs, handler));
    }

    /**
     * Any call of this client as a twin: {@code client.async(c -> c.listFiles(ListParams.DEFAULT))}. The future
     * completes on {@link #executor()} with the call's result, or fails with its exception itself (an
     * {@link ApiException}, …), not wrapped.
     */
    default <T> CompletableFuture<T> async(Function<? super Assistants4j, ? extends T> call) {
        return onExecutor(() -> call.apply(this));
    }

    /** {@code call} on {@link #executor()}; the future fails with the call's exception itself, not wrapped. */
    private <T> CompletableFuture<T> onExecutor(Supplier<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        executor().execute(() -> {
            try {
                future.complete(call.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }
}

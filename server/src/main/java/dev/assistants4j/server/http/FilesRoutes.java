package dev.assistants4j.server.http;

import dev.assistants4j.core.domain.FileObject;
import dev.assistants4j.core.error.AssistantsException;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.PayloadTooLargeException;
import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.service.FileService;
import dev.assistants4j.core.service.FileUploadRequest;
import dev.assistants4j.core.store.ListOrder;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Attributes;

/**
 * {@code /files}: upload (multipart/form-data), list, retrieve, delete and download. Uploads are spooled to disk by
 * Jetty's multipart parser (parts up to 64 KiB stay in memory) and then streamed into the blob store, so a large file
 * never sits in the heap. The JSON body limit does not apply here: Javalin applies it only when a handler reads the body
 * as bytes, which this route never does; uploads have their own limit, {@code maxUploadBytes}.
 */
public final class FilesRoutes {

    /** OpenAI's limit for one file: 512 MB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

    /** Room for the multipart framing and the small fields that come with the file. */
    private static final long FORM_OVERHEAD_BYTES = 64L * 1024;

    /** Parts up to this size stay in memory; larger ones go to the spool directory. */
    private static final int IN_MEMORY_PART_BYTES = 64 * 1024;

    private final FileService files;
    /** The largest refused body that is read to its end before the refusal ({@link #drainSmall}). */
    static final long DRAINED_AT_MOST = 4L * 1024 * 1024;

    private final long maxUploadBytes;
    private final MultiPartConfig multipart;

    /**
     * Routes with OpenAI's 512 MB upload limit. Uploads in progress are spooled into {@code spoolDir}, a directory of
     * their own that is emptied here.
     */
    public FilesRoutes(FileService files, Path spoolDir) {
        this(files, spoolDir, DEFAULT_MAX_UPLOAD_BYTES);
    }

    /** Routes that refuse files larger than {@code maxUploadBytes} with 413. */
    public FilesRoutes(FileService files, Path spoolDir, long maxUploadBytes) {
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be positive");
        }
        this.files = files;
        this.maxUploadBytes = maxUploadBytes;
        this.multipart = new MultiPartConfig.Builder()
                .location(createSpool(spoolDir))
                .maxPartSize(maxUploadBytes)
                .maxSize(maxUploadBytes + FORM_OVERHEAD_BYTES)
                .maxMemoryPartSize(IN_MEMORY_PART_BYTES)
                .useFilesForPartsWithoutFileName(true)
                .build();
    }

    public void register(ApiRouter router) {
        router.post("/files", this::upload);
        router.get("/files", this::list);
        router.get("/files/{file_id}", this::retrieve);
        router.delete("/files/{file_id}", this::delete);
        router.get("/files/{file_id}/content", this::content);
    }

    private void upload(ApiExchange call) throws IOException {
        switch (call) {
            case HttpExchange http -> uploadMultipart(http);
            case InProcessExchange local -> {
                FileRequests.UploadForm form = FileRequests.upload(local.formParts(), maxUploadBytes, this::tooLarge);
                store(call, form);
            }
        }
    }

    private void uploadMultipart(HttpExchange http) throws IOException {
        Context ctx = http.ctx();
        FileRequests.requireMultipart(ctx.contentType());
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxUploadBytes + FORM_OVERHEAD_BYTES) {
            drainSmall(ctx, declared);
            throw tooLarge(ctx); // before storing anything: the client learns at once
        }
        try (MultiPartFormData.Parts parts = parts(ctx)) {
            store(http, FileRequests.upload(FormPart.of(parts), maxUploadBytes, () -> tooLarge(ctx)));
        } // closing the parts deletes what was spooled to disk
    }

    private void store(ApiExchange call, FileRequests.UploadForm form) throws IOException {
        try (InputStream content = form.file().content()) {
            FileUploadRequest request =
                    new FileUploadRequest(form.file().filename(), form.purpose(), form.expiresAfterSeconds(), content);
            call.json(files.upload(call.projectId(), request));
        }
    }

    private void list(ApiExchange call) {
        // OpenAI's file list: limit 1..10,000, default 10,000.
        int limit = ListQuery.limit(call, FileService.MAX_LIST_LIMIT, FileService.MAX_LIST_LIMIT);
        ListOrder order = ListQuery.order(call);
        Optional<String> purpose = ListQuery.filter(call, "purpose");
        Optional<String> after = ListQuery.filter(call, "after");
        Optional<String> before = ListQuery.filter(call, "before");
        call.json(ListResponse.of(files.list(call.projectId(), purpose, limit, order, after, before), FileObject::id));
    }

    private void retrieve(ApiExchange call) {
        call.json(files.retrieve(call.projectId(), call.pathParam("file_id")));
    }

    private void delete(ApiExchange call) {
        call.json(files.delete(call.projectId(), call.pathParam("file_id")));
    }

    private void content(ApiExchange call) {
        call.file(files.content(call.projectId(), call.pathParam("file_id")));
    }

    /**
     * The parts of the body, read with Jetty's multipart parser, or the refusal that fits why they could not be read.
     * The parser is used directly rather than through {@code HttpServletRequest.getParts()}, which also reads every
     * part without a file name into a String (openai-java sends bytes without one) and caps those at the servlet
     * form size.
     */
    private MultiPartFormData.Parts parts(Context ctx) {
        try {
            Content.Source body = Content.Source.from(ctx.req().getInputStream());
            return MultiPartFormData.getParts(body, new Attributes.Mapped(), ctx.contentType(), multipart);
        } catch (CompletionException e) {
            throw unreadable(ctx, e.getCause() == null ? e : e.getCause());
        } catch (IOException | RuntimeException e) {
            throw unreadable(ctx, e);
        }
    }

    private AssistantsException unreadable(Context ctx, Throwable failure) {
        if (FileRequests.isSizeLimit(failure)) {
            return tooLarge(ctx);
        }
        if (ServiceUnavailableException.noSpace(failure)) { // the upload spool is on the full data disk
            return ServiceUnavailableException.diskFull("the upload", failure);
        }
        return new InvalidRequestException(
                "Could not parse the multipart/form-data request body: " + FileRequests.reason(failure), null);
    }

    /**
     * Reads and drops a refused body of at most {@value #DRAINED_AT_MOST} bytes. A server that answers and closes while
     * the client is still sending makes the client's TCP stack reset the connection, and the 413 can be lost with it;
     * a small body is cheaper to read than a client left guessing. Larger bodies are refused at once.
     */
    private static void drainSmall(Context ctx, long declared) {
        if (declared > DRAINED_AT_MOST) {
            return;
        }
        try (InputStream body = ctx.req().getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away: nobody reads the refusal either
        }
    }

    /**
     * The refusal of an upload over the limit. The rest of the body stays unread, so the connection cannot carry
     * another request: the response says so, or a client would send its next request into a closed socket.
     */
    private PayloadTooLargeException tooLarge(Context ctx) {
        ctx.header("Connection", "close");
        return tooLarge();
    }

    private PayloadTooLargeException tooLarge() {
        String human = FileRequests.humanSize(maxUploadBytes);
        String limit = maxUploadBytes + " bytes" + (human.endsWith(" bytes") ? "" : " (" + human + ")");
        return new PayloadTooLargeException("File is too large. The maximum file size is " + limit + ".");
    }

    /** Creates the spool directory, emptied of the parts a crashed process may have left behind. */
    private static Path createSpool(Path dir) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, Files::isRegularFile)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the upload spool directory " + dir, e);
        }
    }
}

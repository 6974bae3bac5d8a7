package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.testkit.FakeUpstream;
import dev.assistants4j.testkit.Reply;
import dev.assistants4j.testkit.ToolCall;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Creates every kind of object in a tenant's project over HTTP, as a client would: files (text, a vision PNG), a
 * vector store with a file and a file batch (searched once), assistants with tool_resources, threads with
 * tool_resources, attachments (one for file_search, which gives the thread a vector store of its own) and an
 * image_file part, and three runs driven by the fake upstream: a file_search run and a code_interpreter run (whose
 * figure becomes an output file and an image_file part), both completed, and a function-calling run left in {@code
 * requires_action}. Not thread-safe: the upstream's replies are queued for one run at a time.
 */
final class TenantObjects {

    /** The path parameter names of the API, which are also the kinds of ids an {@link Owned} lists. */
    static final List<String> KINDS = List.of(
            "assistant_id", "thread_id", "message_id", "run_id", "step_id", "file_id", "vector_store_id", "batch_id");

    private static final String WEATHER = "{'type':'function','function':{'name':'get_weather',"
            + "'parameters':{'type':'object','properties':{'city':{'type':'string'}}}}}";

    private final TenantHttp http;
    private final FakeUpstream upstream;
    private final String tag;

    private TenantObjects(TenantHttp http, FakeUpstream upstream) {
        this.http = http;
        this.upstream = upstream;
        this.tag = http.tenant().projectId();
    }

    /**
     * What one project owns: its ids by kind (a path parameter name), and sets of path parameters that belong together
     * (an assistant, a thread, one of its runs, one of the run's steps, ...), the first of them the most complete.
     */
    record Owned(String projectId, Map<String, List<String>> ids, List<Map<String, String>> contexts) {

        List<String> of(String kind) {
            return ids.getOrDefault(kind, List.of());
        }

        /** Every id of the project. */
        Set<String> all() {
            Set<String> all = new HashSet<>();
            ids.values().forEach(all::addAll);
            return all;
        }

        /** The same, with {@code more} ids of {@code kind} (made with another key of the project). */
        Owned with(String kind, List<String> more) {
            Map<String, List<String>> merged = new LinkedHashMap<>(ids);
            List<String> list = new ArrayList<>(of(kind));
            list.addAll(more);
            merged.put(kind, List.copyOf(list));
            return new Owned(projectId, merged, contexts);
        }
    }

    /** Creates every kind of object as {@code http}'s tenant; the runs' model calls are answered by {@code upstream}. */
    static Owned create(TenantHttp http, FakeUpstream upstream) {
        return new TenantObjects(http, upstream).create();
    }

    /** A 2x2 PNG. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, Color.RED.getRGB());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, "png", bytes)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Owned create() {
        String doc = http.upload("doc-" + tag + ".txt", "apples grow in the orchard of " + tag);
        String code = http.upload("data-" + tag + ".csv", "x,y\n1,2\n");
        String notes = http.upload("notes-" + tag + ".txt", "pears are kept by " + tag);
        String batched = http.upload("batch-" + tag + ".txt", "plums are sold by " + tag);
        String image = http.upload("pic-" + tag + ".png", png(), "vision");

        String store = id(http.create("/v1/vector_stores", json("{'name':'kb','file_ids':['" + doc + "']}")));
        awaitIngested(store, doc);
        String batch = id(
                http.create("/v1/vector_stores/" + store + "/file_batches", json("{'file_ids':['" + batched + "']}")));
        http.await(
                "/v1/vector_stores/" + store + "/file_batches/" + batch,
                b -> b.path("status").asText().equals("completed"));
        JsonNode found = http.create("/v1/vector_stores/" + store + "/search", json("{'query':'apples orchard'}"));
        assertThat(found.at("/data/0/file_id").asText()).as("search %s", found).isIn(doc, batched);

        String searcher = id(http.create(
                "/v1/assistants",
                json("{'model':'gpt-4o','tools':[{'type':'file_search'},{'type':'code_interpreter'}],"
                        + "'tool_resources':{'code_interpreter':{'file_ids':['" + code + "']},"
                        + "'file_search':{'vector_store_ids':['" + store + "']}}}")));
        String caller = id(http.create("/v1/assistants", json("{'model':'gpt-4o','tools':[" + WEATHER + "]}")));

        String searched = id(http.create(
                "/v1/threads",
                json("{'tool_resources':{'code_interpreter':{'file_ids':['" + code + "']},"
                        + "'file_search':{'vector_store_ids':['" + store + "']}},"
                        + "'messages':[{'role':'user','content':'Where do apples grow?','attachments':"
                        + "[{'file_id':'" + notes + "','tools':[{'type':'code_interpreter'}]}]}]}")));
        String message = id(http.create(
                "/v1/threads/" + searched + "/messages",
                json("{'role':'user','content':'And plot it.','attachments':[{'file_id':'" + code
                        + "','tools':[{'type':'code_interpreter'}]}]}")));
        String pictured = id(http.create(
                "/v1/threads",
                json("{'messages':[{'role':'user','content':[{'type':'text','text':'What is this?'},"
                        + "{'type':'image_file','image_file':{'file_id':'" + image + "'}}],"
                        + "'attachments':[{'file_id':'" + notes + "','tools':[{'type':'file_search'}]}]}]}")));
        String threadStore = http.read("/v1/threads/" + pictured)
                .at("/tool_resources/file_search/vector_store_ids/0")
                .asText();
        awaitIngested(threadStore, notes);

        upstream.enqueue(
                Reply.toolCalls(ToolCall.of("file_search", "{\"queries\":[\"apples\"]}")), Reply.text("In orchards."));
        String searchRun = finishedRun(searched, searcher);
        upstream.enqueue(
                Reply.toolCalls(ToolCall.of("code_interpreter", "{\"code\":\"print(1)\"}")), Reply.text("Plotted."));
        String codeRun = finishedRun(searched, searcher);
        upstream.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}")));
        String waitingRun = startRun(pictured, caller);
        http.await(
                runPath(pictured, waitingRun),
                run -> run.path("status").asText().equals("requires_action"));

        return owned(
                List.of(searcher, caller),
                List.of(searched, pictured),
                List.of(searchRun, codeRun, waitingRun),
                new Context(searcher, searched, searchRun, message, doc, store, batch),
                new Context(caller, pictured, waitingRun, null, batched, store, batch),
                new Context(searcher, searched, codeRun, null, null, threadStore, batch));
    }

    /** Path parameters that belong together; a null message or file is taken from the run (or the outputs). */
    private record Context(
            String assistant, String thread, String run, String message, String file, String store, String batch) {}

    private Owned owned(List<String> assistants, List<String> threads, List<String> runs, Context... contexts) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        ids.put("assistant_id", http.ids("/v1/assistants"));
        assertThat(ids.get("assistant_id")).containsExactlyInAnyOrderElementsOf(assistants);
        ids.put("thread_id", threads);
        List<String> messages = new ArrayList<>();
        threads.forEach(thread -> messages.addAll(http.ids("/v1/threads/" + thread + "/messages")));
        ids.put("message_id", messages);
        ids.put("run_id", runs);
        List<String> steps = new ArrayList<>();
        for (Context context : contexts) {
            steps.addAll(http.ids(runPath(context.thread(), context.run()) + "/steps"));
        }
        ids.put("step_id", List.copyOf(new LinkedHashSet<>(steps)));
        ids.put("file_id", http.ids("/v1/files"));
        ids.put("vector_store_id", http.ids("/v1/vector_stores"));
        ids.put("batch_id", List.of(contexts[0].batch()));
        List<Map<String, String>> params = new ArrayList<>();
        for (Context context : contexts) {
            params.add(params(context));
        }
        return new Owned(tag, ids, params);
    }

    private Map<String, String> params(Context context) {
        String runPath = runPath(context.thread(), context.run());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("assistant_id", context.assistant());
        params.put("thread_id", context.thread());
        params.put("run_id", context.run());
        params.put("step_id", http.ids(runPath + "/steps").getFirst());
        params.put(
                "message_id",
                context.message() != null
                        ? context.message()
                        : http.ids("/v1/threads/" + context.thread() + "/messages?run_id=" + context.run()).stream()
                                .findFirst()
                                .orElseGet(() -> http.ids("/v1/threads/" + context.thread() + "/messages")
                                        .getFirst()));
        params.put(
                "file_id",
                context.file() != null
                        ? context.file()
                        : http.ids("/v1/files?purpose=assistants_output").getFirst());
        params.put("vector_store_id", context.store());
        params.put("batch_id", context.batch());
        return params;
    }

    private void awaitIngested(String store, String file) {
        http.await(
                "/v1/vector_stores/" + store + "/files/" + file,
                f -> f.path("status").asText().equals("completed"));
    }

    private String startRun(String thread, String assistant) {
        return id(http.create("/v1/threads/" + thread + "/runs", json("{'assistant_id':'" + assistant + "'}")));
    }

    private String finishedRun(String thread, String assistant) {
        String run = startRun(thread, assistant);
        JsonNode done = http.await(runPath(thread, run), r -> !List.of("queued", "in_progress")
                .contains(r.path("status").asText()));
        assertThat(done.path("status").asText()).as("run %s", done).isEqualTo("completed");
        return run;
    }

    static String runPath(String thread, String run) {
        return "/v1/threads/" + thread + "/runs/" + run;
    }

    private static String id(JsonNode object) {
        return object.get("id").asText();
    }
}

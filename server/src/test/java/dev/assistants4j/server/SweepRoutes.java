package dev.assistants4j.server;

import dev.assistants4j.server.http.ApiRouter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@link IsolationSweep} sends to each route: the routes as the server registered them (each once, without its
 * base path), a valid body for each POST that takes ids in its path, the references to other objects that request
 * bodies and list queries can carry, and the routes that serve no project objects (with why). A route it cannot place
 * (an unknown path parameter, a POST without a body here, a new list) is {@link #covered not covered}. Immutable.
 */
final class SweepRoutes {

    private static final Pattern PARAM = Pattern.compile("\\{([a-z_-]+)}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD");
    private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    /** Routes that serve no project objects, and why. */
    private static final Map<String, String> NO_OBJECTS = Map.of(
            "POST /files", "an upload names no object; its file is listed only in its project (list sweep)",
            "GET /models", "models are configuration, shared by every project",
            "GET /models/{model}", "models are configuration, shared by every project",
            "GET /model/info", "models are configuration, shared by every project",
            "POST /chat/completions", "a stateless relay: no stored objects",
            "POST /embeddings", "a stateless relay: no stored objects");

    /**
     * Azure's deployment routes and the health checks (relays and probes, no stored objects), and the admin API of keys,
     * teams and spend: master key only (KeysAndTeamsTest refuses every other key there), about keys, not objects.
     */
    private static final List<String> NO_OBJECT_PREFIXES =
            List.of("/openai/deployments/", "/health", "/key/", "/team/", "/spend/");

    /** A valid body for the POST routes that take ids in their path; {@code {own:x}} is the caller's own {@code x}. */
    static final Map<String, String> PATH_BODIES = Map.ofEntries(
            Map.entry("POST /assistants/{assistant_id}", "{'metadata':{'swept':'yes'}}"),
            Map.entry("POST /threads/{thread_id}", "{'metadata':{'swept':'yes'}}"),
            Map.entry("POST /threads/{thread_id}/messages", "{'role':'user','content':'swept'}"),
            Map.entry("POST /threads/{thread_id}/messages/{message_id}", "{'metadata':{'swept':'yes'}}"),
            Map.entry("POST /threads/{thread_id}/runs", "{'assistant_id':'{own:assistant_id}'}"),
            Map.entry("POST /threads/{thread_id}/runs/{run_id}", "{'metadata':{'swept':'yes'}}"),
            Map.entry("POST /threads/{thread_id}/runs/{run_id}/cancel", "{}"),
            Map.entry(
                    "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
                    "{'tool_outputs':[{'tool_call_id':'call_swept','output':'sunny'}]}"),
            Map.entry("POST /vector_stores/{vector_store_id}", "{'metadata':{'swept':'yes'}}"),
            Map.entry("POST /vector_stores/{vector_store_id}/search", "{'query':'apples'}"),
            Map.entry("POST /vector_stores/{vector_store_id}/files", "{'file_id':'{own:file_id}'}"),
            Map.entry("POST /vector_stores/{vector_store_id}/files/{file_id}", "{'attributes':{'swept':'yes'}}"),
            Map.entry("POST /vector_stores/{vector_store_id}/file_batches", "{'file_ids':['{own:file_id}']}"),
            Map.entry("POST /vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", "{}"));

    /** A reference to another object in a request body: {@code {ref}} is the id, of kind {@code kind}. */
    record BodyRef(String route, String kind, String body) {}

    /** A reference in a body that names the test's own assistant ({@code {own:assistant_id}}) and then {@code rest}. */
    private static BodyRef withOwnAssistant(String route, String kind, String rest) {
        return new BodyRef(route, kind, "{" + OWN_ASSISTANT + "," + rest + "}");
    }

    private static final String HI = "'role':'user','content':'hi'";
    private static final String ATTACHED = "{" + HI + ",'attachments':[{'file_id':'{ref}','tools':[{'type':'%s'}]}]}";
    private static final String IMAGE =
            "{'role':'user','content':[{'type':'image_file','image_file':{'file_id':'{ref}'}}]}";
    private static final String CODE_FILES = "{'code_interpreter':{'file_ids':['{ref}']}}";
    private static final String NEW_STORE_FILES = "{'file_search':{'vector_stores':[{'file_ids':['{ref}']}]}}";
    private static final String STORES = "{'file_search':{'vector_store_ids':['{ref}']}}";
    private static final String OWN_ASSISTANT = "'assistant_id':'{own:assistant_id}'";

    static final List<BodyRef> BODY_REFS = List.of(
            new BodyRef("POST /assistants", "file_id", "{'model':'gpt-4o','tool_resources':" + CODE_FILES + "}"),
            new BodyRef("POST /assistants", "file_id", "{'model':'gpt-4o','tool_resources':" + NEW_STORE_FILES + "}"),
            new BodyRef("POST /assistants", "vector_store_id", "{'model':'gpt-4o','tool_resources':" + STORES + "}"),
            new BodyRef("POST /assistants/{assistant_id}", "file_id", "{'tool_resources':" + CODE_FILES + "}"),
            new BodyRef("POST /assistants/{assistant_id}", "file_id", "{'tool_resources':" + NEW_STORE_FILES + "}"),
            new BodyRef("POST /assistants/{assistant_id}", "vector_store_id", "{'tool_resources':" + STORES + "}"),
            new BodyRef("POST /threads", "file_id", "{'tool_resources':" + CODE_FILES + "}"),
            new BodyRef("POST /threads", "file_id", "{'tool_resources':" + NEW_STORE_FILES + "}"),
            new BodyRef("POST /threads", "vector_store_id", "{'tool_resources':" + STORES + "}"),
            new BodyRef("POST /threads", "file_id", "{'messages':[" + ATTACHED.formatted("file_search") + "]}"),
            new BodyRef("POST /threads", "file_id", "{'messages':[" + ATTACHED.formatted("code_interpreter") + "]}"),
            new BodyRef("POST /threads", "file_id", "{'messages':[" + IMAGE + "]}"),
            new BodyRef("POST /threads/{thread_id}", "file_id", "{'tool_resources':" + CODE_FILES + "}"),
            new BodyRef("POST /threads/{thread_id}", "file_id", "{'tool_resources':" + NEW_STORE_FILES + "}"),
            new BodyRef("POST /threads/{thread_id}", "vector_store_id", "{'tool_resources':" + STORES + "}"),
            new BodyRef("POST /threads/{thread_id}/messages", "file_id", ATTACHED.formatted("file_search")),
            new BodyRef("POST /threads/{thread_id}/messages", "file_id", ATTACHED.formatted("code_interpreter")),
            new BodyRef("POST /threads/{thread_id}/messages", "file_id", IMAGE),
            new BodyRef("POST /threads/{thread_id}/runs", "assistant_id", "{'assistant_id':'{ref}'}"),
            withOwnAssistant(
                    "POST /threads/{thread_id}/runs",
                    "file_id",
                    "'additional_messages':[" + ATTACHED.formatted("code_interpreter") + "]"),
            withOwnAssistant(
                    "POST /threads/{thread_id}/runs",
                    "file_id",
                    "'additional_messages':[" + ATTACHED.formatted("file_search") + "]"),
            withOwnAssistant("POST /threads/{thread_id}/runs", "file_id", "'additional_messages':[" + IMAGE + "]"),
            new BodyRef(
                    "POST /threads/runs",
                    "assistant_id",
                    "{'assistant_id':'{ref}','thread':{'messages':[{" + HI + "}]}}"),
            withOwnAssistant(
                    "POST /threads/runs",
                    "file_id",
                    "'thread':{'messages':[" + ATTACHED.formatted("file_search") + "]}"),
            withOwnAssistant("POST /threads/runs", "file_id", "'thread':{'messages':[" + IMAGE + "]}"),
            withOwnAssistant("POST /threads/runs", "file_id", "'tool_resources':" + CODE_FILES),
            withOwnAssistant("POST /threads/runs", "file_id", "'tool_resources':" + NEW_STORE_FILES),
            withOwnAssistant("POST /threads/runs", "file_id", "'thread':{'tool_resources':" + NEW_STORE_FILES + "}"),
            withOwnAssistant("POST /threads/runs", "vector_store_id", "'tool_resources':" + STORES),
            withOwnAssistant("POST /threads/runs", "file_id", "'thread':{'tool_resources':" + CODE_FILES + "}"),
            withOwnAssistant("POST /threads/runs", "vector_store_id", "'thread':{'tool_resources':" + STORES + "}"),
            new BodyRef("POST /vector_stores", "file_id", "{'file_ids':['{ref}']}"),
            new BodyRef("POST /vector_stores/{vector_store_id}/files", "file_id", "{'file_id':'{ref}'}"),
            new BodyRef("POST /vector_stores/{vector_store_id}/file_batches", "file_id", "{'file_ids':['{ref}']}"),
            new BodyRef(
                    "POST /vector_stores/{vector_store_id}/file_batches",
                    "file_id",
                    "{'files':[{'file_id':'{ref}'}]}"));

    /** The kind of the items a list route returns, by the last segment of its path. */
    private static final Map<String, String> LIST_KINDS = Map.of(
            "assistants", "assistant_id",
            "files", "file_id",
            "vector_stores", "vector_store_id",
            "messages", "message_id",
            "runs", "run_id",
            "steps", "step_id");

    /** Query parameters that name another object, by list route: the messages of a run. */
    static final Map<String, List<String>> QUERY_REFS = Map.of("GET /threads/{thread_id}/messages", List.of("run_id"));

    /** One route as registered once, without its base path: {@code GET /threads/{thread_id}}. */
    record Route(String method, String path) {

        String key() {
            return method + " " + path;
        }

        List<String> params() {
            List<String> params = new ArrayList<>();
            Matcher matcher = PARAM.matcher(path);
            while (matcher.find()) {
                params.add(matcher.group(1));
            }
            return params;
        }

        boolean isList() {
            return method.equals("GET") && LIST_KINDS.containsKey(path.substring(path.lastIndexOf('/') + 1));
        }

        String listKind() {
            return LIST_KINDS.get(path.substring(path.lastIndexOf('/') + 1));
        }

        /** The path with each parameter replaced by its value in {@code values}. */
        String fill(Map<String, String> values) {
            Matcher matcher = PARAM.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(filled, Matcher.quoteReplacement(values.get(matcher.group(1))));
            }
            matcher.appendTail(filled);
            return filled.toString();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private SweepRoutes() {}

    /** The routes without their base paths, each once, reads first and deletions last. */
    static List<Route> canonical(List<String> registered) {
        Set<String> keys = new LinkedHashSet<>();
        List<String> prefixes = new ArrayList<>(ApiRouter.PREFIXES);
        prefixes.sort(Comparator.comparingInt(String::length).reversed());
        for (String route : registered) {
            String method = route.substring(0, route.indexOf(' '));
            if (!METHODS.contains(method)) {
                continue; // before and after handlers
            }
            String path = route.substring(route.indexOf(' ') + 1);
            for (String prefix : prefixes) {
                if (!prefix.isEmpty()
                        && path.startsWith(prefix + "/")
                        && registered.contains(method + " " + path.substring(prefix.length()))) {
                    path = path.substring(prefix.length());
                    break;
                }
            }
            keys.add(method + " " + path);
        }
        return keys.stream()
                .map(key -> new Route(key.substring(0, key.indexOf(' ')), key.substring(key.indexOf(' ') + 1)))
                .sorted(Comparator.comparingInt(route -> METHOD_ORDER.indexOf(route.method())))
                .toList();
    }

    static boolean withoutObjects(Route route) {
        return NO_OBJECTS.containsKey(route.key())
                || NO_OBJECT_PREFIXES.stream().anyMatch(route.path()::startsWith);
    }

    /** Whether the sweep knows what to send: each path parameter is a kind of id, a POST has a body. */
    static boolean covered(Route route, Set<String> referenced) {
        List<String> params = route.params();
        if (!TenantObjects.KINDS.containsAll(params)) {
            return false;
        }
        if (params.isEmpty()) {
            return route.isList() || referenced.contains(route.key());
        }
        return !route.method().equals("POST") || PATH_BODIES.containsKey(route.key());
    }
}

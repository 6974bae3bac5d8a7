package dev.assistants4j.server;

import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.TenantObjects.Owned;
import dev.assistants4j.server.Tenants.Tenant;
import dev.assistants4j.server.http.ApiRouter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Calls every route of the API as each tenant with every other project's ids: in each path position (all of one
 * foreign context at once, and one position at a time among the caller's own ids), in request bodies (tool_resources,
 * attachments, image_file parts, assistant ids, vector store files and batches) and as list cursors and filters. Each
 * answer must be exactly the answer to an id that never existed (the same status and body, the id aside), a path id
 * must be a 404, and no successful answer may contain another project's id. Counts the calls and records each leak.
 * The route table comes from the server itself, so a route added later that this sweep cannot place is reported as
 * uncovered. Not thread-safe.
 */
final class IsolationSweep {

    private static final Pattern PARAM = Pattern.compile("\\{([a-z_-]+)}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD");
    private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    /** Routes that serve no project objects, and why. */
    private static final Map<String, String> NO_OBJECTS = Map.of(
            "POST /files", "an upload names no object; its file is listed only in its project (list sweep)",
            "GET /models", "models are configuration, shared by every project",
            "GET /models/{model}", "models are configuration, shared by every project",
            "POST /chat/completions", "a stateless relay: no stored objects",
            "POST /embeddings", "a stateless relay: no stored objects");

    /** Azure's deployment routes and the health checks: relays and probes, no stored objects. */
    private static final List<String> NO_OBJECT_PREFIXES =
            List.of("/openai/deployments/", "/health", "/ready", "/live");

    /** A valid body for the POST routes that take ids in their path; {@code {own:x}} is the caller's own {@code x}. */
    private static final Map<String, String> PATH_BODIES = Map.ofEntries(
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

    private static final String HI = "'role':'user','content':'hi'";
    private static final String ATTACHED = "{" + HI + ",'attachments':[{'file_id':'{ref}','tools':[{'type':'%s'}]}]}";
    private static final String IMAGE =
            "{'role':'user','content':[{'type':'image_file','image_file':{'file_id':'{ref}'}}]}";
    private static final String CODE_FILES = "{'code_interpreter':{'file_ids':['{ref}']}}";
    private static final String NEW_STORE_FILES = "{'file_search':{'vector_stores':[{'file_ids':['{ref}']}]}}";
    private static final String STORES = "{'file_search':{'vector_store_ids':['{ref}']}}";
    private static final String OWN_ASSISTANT = "'assistant_id':'{own:assistant_id}'";

    private static final List<BodyRef> BODY_REFS = List.of(
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
            new BodyRef(
                    "POST /threads/{thread_id}/runs",
                    "file_id",
                    "{" + OWN_ASSISTANT + ",'additional_messages':[" + ATTACHED.formatted("code_interpreter") + "]}"),
            new BodyRef(
                    "POST /threads/{thread_id}/runs",
                    "file_id",
                    "{" + OWN_ASSISTANT + ",'additional_messages':[" + ATTACHED.formatted("file_search") + "]}"),
            new BodyRef(
                    "POST /threads/{thread_id}/runs",
                    "file_id",
                    "{" + OWN_ASSISTANT + ",'additional_messages':[" + IMAGE + "]}"),
            new BodyRef(
                    "POST /threads/runs",
                    "assistant_id",
                    "{'assistant_id':'{ref}','thread':{'messages':[{" + HI + "}]}}"),
            new BodyRef(
                    "POST /threads/runs",
                    "file_id",
                    "{" + OWN_ASSISTANT + ",'thread':{'messages':[" + ATTACHED.formatted("file_search") + "]}}"),
            new BodyRef(
                    "POST /threads/runs", "file_id", "{" + OWN_ASSISTANT + ",'thread':{'messages':[" + IMAGE + "]}}"),
            new BodyRef("POST /threads/runs", "file_id", "{" + OWN_ASSISTANT + ",'tool_resources':" + CODE_FILES + "}"),
            new BodyRef(
                    "POST /threads/runs",
                    "file_id",
                    "{" + OWN_ASSISTANT + ",'tool_resources':" + NEW_STORE_FILES + "}"),
            new BodyRef(
                    "POST /threads/runs",
                    "file_id",
                    "{" + OWN_ASSISTANT + ",'thread':{'tool_resources':" + NEW_STORE_FILES + "}}"),
            new BodyRef(
                    "POST /threads/runs", "vector_store_id", "{" + OWN_ASSISTANT + ",'tool_resources':" + STORES + "}"),
            new BodyRef(
                    "POST /threads/runs",
                    "file_id",
                    "{" + OWN_ASSISTANT + ",'thread':{'tool_resources':" + CODE_FILES + "}}"),
            new BodyRef(
                    "POST /threads/runs",
                    "vector_store_id",
                    "{" + OWN_ASSISTANT + ",'thread':{'tool_resources':" + STORES + "}}"),
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
    private static final Map<String, List<String>> QUERY_REFS =
            Map.of("GET /threads/{thread_id}/messages", List.of("run_id"));

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

    /** What the sweep did and found. */
    record Result(
            int routes,
            List<String> routesWithoutObjects,
            List<String> uncovered,
            int calls,
            int foreignPathCalls,
            int foreignReferences,
            int foreignCursors,
            int listsRead,
            Map<String, Integer> answers,
            List<String> leaks) {

        String summary(String database, long millis) {
            return "Isolation sweep on %s: %d routes swept (+%d without project objects), %d calls: %d with foreign"
                            .formatted(database, routes, routesWithoutObjects.size(), calls, foreignPathCalls)
                    + " path ids, %d foreign body references, %d foreign list cursors or filters, %d lists read;"
                            .formatted(foreignReferences, foreignCursors, listsRead)
                    + " answers to foreign ids %s; cross-project reads: %d, in %.1f s"
                            .formatted(answers, leaks.size(), millis / 1000.0);
        }
    }

    private final List<Route> routes;
    private final Map<String, Owned> owned;
    private final Map<Tenant, TenantHttp> callers;
    private final List<String> leaks = new ArrayList<>();
    private final Map<String, Reply> missingReplies = new HashMap<>();
    /** How foreign ids were answered: {@code path 404}, {@code body 400}, {@code after 200}, ... */
    private final Map<String, Integer> answers = new TreeMap<>();

    private int calls;
    private int foreignPathCalls;
    private int foreignReferences;
    private int foreignCursors;
    private int listsRead;

    /**
     * @param routes every route the server registered, as {@code METHOD /path} under every base path
     * @param owned what each project owns, by project id
     * @param callers a client per tenant
     */
    IsolationSweep(List<String> routes, Map<String, Owned> owned, Map<Tenant, TenantHttp> callers) {
        this.routes = canonical(routes);
        this.owned = owned;
        this.callers = callers;
    }

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

    /** Runs the whole sweep. */
    Result run() {
        List<String> uncovered = new ArrayList<>();
        List<Route> swept = new ArrayList<>();
        List<String> withoutObjects = new ArrayList<>();
        Set<String> referenced = BODY_REFS.stream().map(BodyRef::route).collect(Collectors.toSet());
        for (Route route : routes) {
            if (withoutObjects(route)) {
                withoutObjects.add(route.key());
            } else if (!covered(route, referenced)) {
                uncovered.add(route.key());
            } else {
                swept.add(route);
            }
        }
        for (Tenant viewer : callers.keySet()) {
            for (Route route : swept) {
                sweepLists(viewer, route);
                sweepPaths(viewer, route);
            }
            for (BodyRef ref : BODY_REFS) {
                sweepReference(viewer, ref);
            }
        }
        return new Result(
                swept.size(),
                List.copyOf(withoutObjects),
                uncovered,
                calls,
                foreignPathCalls,
                foreignReferences,
                foreignCursors,
                listsRead,
                new TreeMap<>(answers),
                List.copyOf(leaks));
    }

    private static boolean withoutObjects(Route route) {
        return NO_OBJECTS.containsKey(route.key())
                || NO_OBJECT_PREFIXES.stream().anyMatch(route.path()::startsWith);
    }

    /** Whether the sweep knows what to send: each path parameter is a kind of id, a POST has a body. */
    private static boolean covered(Route route, Set<String> referenced) {
        List<String> params = route.params();
        if (!TenantObjects.KINDS.containsAll(params)) {
            return false;
        }
        if (params.isEmpty()) {
            return route.isList() || referenced.contains(route.key());
        }
        return !route.method().equals("POST") || PATH_BODIES.containsKey(route.key());
    }

    // ---- ids in the path

    private void sweepPaths(Tenant viewer, Route route) {
        List<String> params = route.params();
        if (params.isEmpty()) {
            return;
        }
        Map<String, String> own = ownContext(viewer);
        for (Owned foreign : foreignProjects(viewer)) {
            for (Map<String, String> context : foreign.contexts()) {
                expectMissing(viewer, route, own, params, context);
            }
            if (params.size() > 1) {
                for (String param : params) {
                    for (String id : foreign.of(param)) {
                        expectMissing(viewer, route, own, List.of(param), Map.of(param, id));
                    }
                }
            }
        }
    }

    /** Calls {@code route} with {@code replaced} taken from {@code foreign}, the rest from {@code own}. */
    private void expectMissing(
            Tenant viewer, Route route, Map<String, String> own, List<String> replaced, Map<String, String> foreign) {
        Map<String, String> withForeign = new LinkedHashMap<>(own);
        Map<String, String> withMissing = new LinkedHashMap<>(own);
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (String param : replaced) {
            withForeign.put(param, foreign.get(param));
            withMissing.put(param, missing(foreign.get(param)));
            placeholders.put(foreign.get(param), "<" + param + ">");
            placeholders.put(missing(foreign.get(param)), "<" + param + ">");
        }
        String body = own(viewer, PATH_BODIES.getOrDefault(route.key(), "{}"));
        String label = viewer + ": " + route + " with foreign " + replaced;
        foreignPathCalls++;
        Reply answer = call(viewer, route.method(), route.fill(withForeign), body);
        answers.merge("path " + answer.status(), 1, Integer::sum);
        if (answer.status() != 404) {
            leak(label + " " + withForeign + " -> " + answer.status() + " " + answer.body());
            return;
        }
        String missingKey = viewer.key() + " " + route + " " + replaced + " " + replaced.size();
        Reply missing = missingReplies.computeIfAbsent(
                missingKey, key -> call(viewer, route.method(), route.fill(withMissing), body));
        compare(label, answer, missing, placeholders);
    }

    // ---- ids in request bodies

    private void sweepReference(Tenant viewer, BodyRef ref) {
        Route route = routes.stream()
                .filter(r -> r.key().equals(ref.route()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + ref.route()));
        String path = route.fill(ownContext(viewer));
        for (Owned foreign : foreignProjects(viewer)) {
            for (String id : foreign.of(ref.kind())) {
                foreignReferences++;
                String label =
                        viewer + ": " + ref.route() + " referencing a foreign " + ref.kind() + " in " + ref.body();
                Reply answer = call(
                        viewer, route.method(), path, own(viewer, ref.body()).replace("{ref}", id));
                answers.merge("body " + answer.status(), 1, Integer::sum);
                if (answer.status() != 404 && answer.status() != 400) {
                    leak(label + " " + id + " -> " + answer.status() + " " + answer.body());
                    continue;
                }
                Reply missing = missingReplies.computeIfAbsent(
                        viewer.key() + " " + ref,
                        key -> call(
                                viewer,
                                route.method(),
                                path,
                                own(viewer, ref.body()).replace("{ref}", missing(id))));
                compare(label, answer, missing, Map.of(id, "<ref>", missing(id), "<ref>"));
            }
        }
    }

    // ---- lists, their cursors and filters

    private void sweepLists(Tenant viewer, Route route) {
        if (!route.isList()) {
            return;
        }
        String path = route.fill(ownContext(viewer));
        listsRead++;
        call(viewer, "GET", path + "?limit=100", null); // scanned for foreign ids
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("after", route.listKind());
        queries.put("before", route.listKind());
        QUERY_REFS.getOrDefault(route.key(), List.of()).forEach(param -> queries.put(param, param));
        for (Map.Entry<String, String> query : queries.entrySet()) {
            for (Owned foreign : foreignProjects(viewer)) {
                for (String id : foreign.of(query.getValue())) {
                    foreignCursors++;
                    String label = viewer + ": " + route + " with " + query.getKey() + "=<foreign>";
                    Reply answer = call(viewer, "GET", path + "?limit=100&" + query.getKey() + "=" + id, null);
                    answers.merge(query.getKey() + " " + answer.status(), 1, Integer::sum);
                    Reply missing = missingReplies.computeIfAbsent(
                            viewer.key() + " " + route + " " + query.getKey(),
                            key -> call(
                                    viewer, "GET", path + "?limit=100&" + query.getKey() + "=" + missing(id), null));
                    compare(label, answer, missing, Map.of(id, "<ref>", missing(id), "<ref>"));
                }
            }
        }
    }

    // ---- plumbing

    /**
     * One call, under the base paths in turn; a successful answer that contains another project's id is a leak.
     */
    private Reply call(Tenant viewer, String method, String path, String body) {
        String prefix = ApiRouter.PREFIXES.get(calls % ApiRouter.PREFIXES.size());
        calls++;
        Reply reply = callers.get(viewer).send(method, prefix + path, body);
        if (reply.status() / 100 == 2) {
            for (Owned foreign : foreignProjects(viewer)) {
                for (String id : foreign.all()) {
                    if (reply.body().contains(id)) {
                        leak(viewer + ": " + method + " " + path + " answered " + reply.status() + " with "
                                + foreign.projectId() + "'s " + id + ": " + reply.body());
                    }
                }
            }
        }
        return reply;
    }

    /** The answer to a foreign id must be the answer to a missing one, ids aside. */
    private void compare(String label, Reply foreign, Reply missing, Map<String, String> placeholders) {
        String foreignBody = replaceAll(foreign.body(), placeholders);
        String missingBody = replaceAll(missing.body(), placeholders);
        if (foreign.status() != missing.status() || !foreignBody.equals(missingBody)) {
            leak(label + ": " + foreign.status() + " " + foreignBody + ", but a missing id gets " + missing.status()
                    + " " + missingBody);
        }
    }

    private void leak(String description) {
        leaks.add(description);
    }

    private static String replaceAll(String text, Map<String, String> replacements) {
        String replaced = text;
        for (Map.Entry<String, String> entry : replacements.entrySet()) {
            replaced = replaced.replace(entry.getKey(), entry.getValue());
        }
        return replaced;
    }

    /** An id of the same shape that no project has. */
    static String missing(String id) {
        int cut = Math.max(id.lastIndexOf('_'), id.lastIndexOf('-')) + 1;
        String tail = "missing0000000000000000000000";
        return id.substring(0, cut) + tail.substring(0, Math.min(tail.length(), Math.max(8, id.length() - cut)));
    }

    private Map<String, String> ownContext(Tenant viewer) {
        return owned.get(viewer.projectId()).contexts().getFirst();
    }

    private String own(Tenant viewer, String template) {
        String body = template;
        for (Map.Entry<String, String> param : ownContext(viewer).entrySet()) {
            body = body.replace("{own:" + param.getKey() + "}", param.getValue());
        }
        return HttpTestClient.json(body);
    }

    private List<Owned> foreignProjects(Tenant viewer) {
        return owned.values().stream()
                .filter(project -> !project.projectId().equals(viewer.projectId()))
                .toList();
    }
}

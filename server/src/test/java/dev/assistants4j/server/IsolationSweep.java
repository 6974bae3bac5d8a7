package dev.assistants4j.server;

import dev.assistants4j.server.HttpTestClient.Reply;
import dev.assistants4j.server.SweepRoutes.BodyRef;
import dev.assistants4j.server.SweepRoutes.Route;
import dev.assistants4j.server.TenantObjects.Owned;
import dev.assistants4j.server.Tenants.Tenant;
import dev.assistants4j.server.http.ApiRouter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        this.routes = SweepRoutes.canonical(routes);
        this.owned = owned;
        this.callers = callers;
    }

    /** Runs the whole sweep. */
    Result run() {
        List<String> uncovered = new ArrayList<>();
        List<Route> swept = new ArrayList<>();
        List<String> withoutObjects = new ArrayList<>();
        Set<String> referenced =
                SweepRoutes.BODY_REFS.stream().map(BodyRef::route).collect(Collectors.toSet());
        for (Route route : routes) {
            if (SweepRoutes.withoutObjects(route)) {
                withoutObjects.add(route.key());
            } else if (!SweepRoutes.covered(route, referenced)) {
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
            for (BodyRef ref : SweepRoutes.BODY_REFS) {
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
        String body = own(viewer, SweepRoutes.PATH_BODIES.getOrDefault(route.key(), "{}"));
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
        SweepRoutes.QUERY_REFS.getOrDefault(route.key(), List.of()).forEach(param -> queries.put(param, param));
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

package dev.assistants4j.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.domain.Assistant;
import dev.assistants4j.core.domain.AssistantThread;
import dev.assistants4j.core.domain.FileSearchSettings;
import dev.assistants4j.core.domain.FileSearchTool;
import dev.assistants4j.core.domain.RankingOptions;
import dev.assistants4j.core.domain.Run;
import dev.assistants4j.core.domain.StepToolCall;
import dev.assistants4j.core.domain.ToolResources;
import dev.assistants4j.core.search.FileSearchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the model's file_search calls: runs each query over the vector stores of the run's thread and assistant,
 * merges the results (a chunk found by several queries keeps its best score), and keeps the best
 * {@code max_num_results}. A failing search becomes an error text for the model, not a failed run.
 */
final class FileSearchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FileSearchRunner.class);
    private static final int MAX_QUERIES = 5;
    static final String FAILED = "The file search failed; answer without it, or try again later.";

    private final EngineContext ctx;
    private final String projectId;
    private final Run run;
    private final int maxResults;
    private final RankingOptions ranking;
    private List<String> vectorStoreIds;

    FileSearchRunner(EngineContext ctx, String projectId, Run run) {
        this.ctx = ctx;
        this.projectId = projectId;
        this.run = run;
        FileSearchSettings settings = settings(run);
        this.maxResults = settings == null || settings.maxNumResults() == null
                ? FileSearchTools.DEFAULT_MAX_RESULTS
                : settings.maxNumResults();
        this.ranking = ranking(settings);
    }

    /** A call of {@code run} before it ran: no results yet. */
    static StepToolCall.FileSearch pending(Run run, String callId, String arguments, int turn) {
        return call(ranking(settings(run)), callId, List.of(), new StepToolCall.FileSearchTrace(arguments, turn, null));
    }

    /** Runs the call and returns it with its results (or its error). */
    StepToolCall.FileSearch execute(String callId, String arguments, int turn) {
        List<String> queries = queries(arguments);
        if (queries.isEmpty()) {
            String error = "file_search needs {\"queries\": [\"…\"]} with at least one non-empty query.";
            return call(ranking, callId, List.of(), new StepToolCall.FileSearchTrace(arguments, turn, error));
        }
        try {
            List<FileSearchResult> found = search(queries);
            List<StepToolCall.FileSearchResult> results = found.stream()
                    .map(result -> new StepToolCall.FileSearchResult(
                            result.fileId(),
                            result.fileName(),
                            result.score(),
                            List.of(StepToolCall.FileSearchResultContent.text(result.text()))))
                    .toList();
            return call(ranking, callId, results, new StepToolCall.FileSearchTrace(arguments, turn, null));
        } catch (RuntimeException e) {
            LOG.warn("Run {}: file_search call {} failed", run.id(), callId, e);
            return call(ranking, callId, List.of(), new StepToolCall.FileSearchTrace(arguments, turn, FAILED));
        }
    }

    private static FileSearchSettings settings(Run run) {
        return FileSearchTools.of(run).map(FileSearchTool::fileSearch).orElse(null);
    }

    /** The ranking the run asked for, the defaults filled in. */
    private static RankingOptions ranking(FileSearchSettings settings) {
        RankingOptions ranking = settings == null ? null : settings.rankingOptions();
        double scoreThreshold = ranking == null || ranking.scoreThreshold() == null ? 0.0 : ranking.scoreThreshold();
        String ranker =
                ranking == null || ranking.ranker() == null || ranking.ranker().equals("auto")
                        ? FileSearchTools.RANKER
                        : ranking.ranker();
        return new RankingOptions(ranker, scoreThreshold);
    }

    private static StepToolCall.FileSearch call(
            RankingOptions ranking,
            String callId,
            List<StepToolCall.FileSearchResult> results,
            StepToolCall.FileSearchTrace trace) {
        return new StepToolCall.FileSearch(callId, new StepToolCall.FileSearchDetails(ranking, results), trace);
    }

    private List<FileSearchResult> search(List<String> queries) {
        List<String> stores = vectorStoreIds();
        if (stores.isEmpty()) {
            return List.of();
        }
        Map<String, FileSearchResult> best = new LinkedHashMap<>();
        for (String query : queries) {
            for (FileSearchResult result :
                    ctx.fileSearch().search(projectId, stores, query, maxResults, ranking.scoreThreshold())) {
                best.merge(
                        result.fileId() + '\u0000' + result.text(), result, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        List<FileSearchResult> merged = new ArrayList<>(best.values());
        merged.sort(Comparator.comparingDouble(FileSearchResult::score).reversed());
        return merged.subList(0, Math.min(maxResults, merged.size()));
    }

    /** The thread's vector stores, then the assistant's. */
    private List<String> vectorStoreIds() {
        if (vectorStoreIds == null) {
            vectorStoreIds = vectorStoreIds(ctx, projectId, run);
        }
        return vectorStoreIds;
    }

    /** The vector stores a run searches: the thread's, then the assistant's, as stored now. */
    static List<String> vectorStoreIds(EngineContext ctx, String projectId, Run run) {
        Set<String> ids = new LinkedHashSet<>();
        ctx.stores()
                .threads()
                .find(projectId, run.threadId())
                .map(AssistantThread::toolResources)
                .ifPresent(resources -> addStores(ids, resources));
        ctx.stores()
                .assistants()
                .find(projectId, run.assistantId())
                .map(Assistant::toolResources)
                .ifPresent(resources -> addStores(ids, resources));
        return List.copyOf(ids);
    }

    private static void addStores(Set<String> ids, ToolResources resources) {
        if (resources.fileSearch() != null) {
            ids.addAll(resources.fileSearch().vectorStoreIds());
        }
    }

    /** The queries of the model's arguments: {@code {"queries":[…]}}, leniently also {@code {"query":"…"}}. */
    static List<String> queries(String arguments) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
        } catch (IOException e) {
            return List.of();
        }
        Set<String> queries = new LinkedHashSet<>();
        JsonNode list = parsed.path("queries");
        if (list.isArray()) {
            list.forEach(query -> addQuery(queries, query));
        } else {
            addQuery(queries, list);
        }
        addQuery(queries, parsed.path("query"));
        return queries.stream().limit(MAX_QUERIES).toList();
    }

    private static void addQuery(Set<String> queries, JsonNode query) {
        if (query.isTextual() && !query.asText().isBlank()) {
            queries.add(query.asText().strip());
        }
    }
}

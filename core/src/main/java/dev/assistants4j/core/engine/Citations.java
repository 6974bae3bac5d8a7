package dev.assistants4j.core.engine;

import dev.assistants4j.core.domain.FileCitationAnnotation;
import dev.assistants4j.core.domain.RunStep;
import dev.assistants4j.core.domain.StepDetails;
import dev.assistants4j.core.domain.StepToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file_search results a run found so far, by marker: finds the {@code 【turn:n†name】} markers in the model's
 * text that cite one of them. A marker cites the result its {@code turn:n} numbers; the name is the model's copy
 * and is not checked. Immutable.
 */
final class Citations {

    /** A complete marker. {@link MarkerBuffer} relies on its bounded length. */
    static final Pattern MARKER = Pattern.compile("【(\\d{1,4}):(\\d{1,4})†([^】\\n]{0,200})】");

    static final Citations NONE = new Citations(Map.of());

    private final Map<String, String> fileIds;

    private Citations(Map<String, String> fileIds) {
        this.fileIds = fileIds;
    }

    /** The results of the run's completed file_search calls, in {@code steps}. */
    static Citations of(List<RunStep> steps) {
        Map<String, String> fileIds = new HashMap<>();
        for (RunStep step : steps) {
            if (step.stepDetails() instanceof StepDetails.ToolCalls calls) {
                for (StepToolCall call : calls.toolCalls()) {
                    if (call instanceof StepToolCall.FileSearch search && search.trace() != null) {
                        List<StepToolCall.FileSearchResult> results =
                                search.fileSearch().results();
                        for (int n = 0; n < results.size(); n++) {
                            fileIds.put(
                                    search.trace().turn() + ":" + n,
                                    results.get(n).fileId());
                        }
                    }
                }
            }
        }
        return fileIds.isEmpty() ? NONE : new Citations(Map.copyOf(fileIds));
    }

    boolean isEmpty() {
        return fileIds.isEmpty();
    }

    /**
     * The citations in {@code chunk}, a piece of text that starts at code point {@code offset} of the message and
     * holds only whole markers. Indexes count code points, end exclusive.
     */
    List<FileCitationAnnotation> find(String chunk, int offset) {
        if (fileIds.isEmpty() || chunk.indexOf('【') < 0) {
            return List.of();
        }
        List<FileCitationAnnotation> found = new ArrayList<>();
        Matcher matcher = MARKER.matcher(chunk);
        while (matcher.find()) {
            String fileId = fileIds.get(Integer.parseInt(matcher.group(1)) + ":" + Integer.parseInt(matcher.group(2)));
            if (fileId != null) {
                int start = offset + chunk.codePointCount(0, matcher.start());
                int end = start + chunk.codePointCount(matcher.start(), matcher.end());
                found.add(new FileCitationAnnotation(
                        matcher.group(), new FileCitationAnnotation.FileCitation(fileId), start, end));
            }
        }
        return found;
    }
}

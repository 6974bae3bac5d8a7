package dev.assistants4j.testkit.retrieval;

import dev.assistants4j.core.search.Chunker;
import dev.assistants4j.core.search.TextChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Counts whitespace-separated words as tokens and cuts windows of them, consecutive windows overlapping. Stateless. */
public final class WhitespaceChunker implements Chunker {

    @Override
    public List<TextChunk> chunk(String text, int maxTokens, int overlapTokens) {
        if (maxTokens < 1 || overlapTokens < 0 || overlapTokens > maxTokens / 2) {
            throw new IllegalArgumentException("bad chunk sizes " + maxTokens + "/" + overlapTokens);
        }
        List<String> tokens = tokens(text);
        List<TextChunk> chunks = new ArrayList<>();
        int step = maxTokens - overlapTokens;
        for (int start = 0; start < tokens.size(); start += step) {
            int end = Math.min(tokens.size(), start + maxTokens);
            chunks.add(new TextChunk(chunks.size(), String.join(" ", tokens.subList(start, end)), end - start));
            if (end == tokens.size()) {
                break;
            }
        }
        return chunks;
    }

    @Override
    public int countTokens(String text) {
        return tokens(text).size();
    }

    private static List<String> tokens(String text) {
        return Arrays.stream(text.strip().split("\\s+"))
                .filter(t -> !t.isEmpty())
                .toList();
    }
}

package dev.assistants4j.testkit.retrieval;

import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chunks in memory, searched by keywords only: a chunk's score is the share of the query's distinct words it contains,
 * and chunks scoring 0 are not found; ties go to the first store, file and chunk index. Passes the {@link
 * ChunkIndexContract}. "Durable" for as long as the instance lives, so tests can hand one instance to a
 * server, stop it and hand it to the next; {@link #close()} keeps the chunks for that reason. Thread-safe.
 */
public final class InMemoryChunkIndex implements ChunkIndex {

    /** Chunks by vector store id, then file id, in order. */
    private final Map<String, Map<String, List<IndexedChunk>>> stores = new LinkedHashMap<>();

    @Override
    public synchronized void add(List<IndexedChunk> chunks) {
        Set<String> replaced = new HashSet<>();
        for (IndexedChunk chunk : chunks) {
            Map<String, List<IndexedChunk>> files =
                    stores.computeIfAbsent(chunk.vectorStoreId(), k -> new LinkedHashMap<>());
            if (replaced.add(chunk.vectorStoreId() + "/" + chunk.fileId())) {
                files.put(chunk.fileId(), new ArrayList<>());
            }
            files.get(chunk.fileId()).add(chunk);
        }
    }

    @Override
    public synchronized void deleteFile(String vectorStoreId, String fileId) {
        Map<String, List<IndexedChunk>> files = stores.get(vectorStoreId);
        if (files != null) {
            files.remove(fileId);
        }
    }

    @Override
    public synchronized void deleteStore(String vectorStoreId) {
        stores.remove(vectorStoreId);
    }

    @Override
    public synchronized List<ChunkHit> search(ChunkQuery query) {
        Set<String> words = new HashSet<>(Words.of(query.text()));
        List<ChunkHit> hits = new ArrayList<>();
        for (String storeId : query.vectorStoreIds()) {
            stores.getOrDefault(storeId, Map.of()).forEach((fileId, chunks) -> {
                if (query.fileIds().isPresent() && !query.fileIds().get().contains(fileId)) {
                    return;
                }
                for (IndexedChunk chunk : chunks) {
                    double score = score(words, chunk.text());
                    if (score > 0) {
                        hits.add(new ChunkHit(storeId, fileId, chunk.index(), chunk.text(), score));
                    }
                }
            });
        }
        hits.sort(Comparator.comparingDouble(ChunkHit::score)
                .reversed()
                .thenComparing(ChunkHit::vectorStoreId)
                .thenComparing(ChunkHit::fileId)
                .thenComparingInt(ChunkHit::index));
        return List.copyOf(hits.subList(0, Math.min(query.limit(), hits.size())));
    }

    @Override
    public synchronized int chunkCount(String vectorStoreId, String fileId) {
        return stores.getOrDefault(vectorStoreId, Map.of())
                .getOrDefault(fileId, List.of())
                .size();
    }

    @Override
    public synchronized List<ChunkHit> chunks(String vectorStoreId, String fileId) {
        return stores.getOrDefault(vectorStoreId, Map.of()).getOrDefault(fileId, List.of()).stream()
                .sorted(Comparator.comparingInt(IndexedChunk::index))
                .map(c -> new ChunkHit(vectorStoreId, fileId, c.index(), c.text(), 1))
                .toList();
    }

    /** Every chunk of every store: for tests that prove nothing is left behind. */
    public synchronized int totalChunks() {
        return stores.values().stream()
                .flatMap(files -> files.values().stream())
                .mapToInt(List::size)
                .sum();
    }

    /** Keeps the chunks: see the class comment. */
    @Override
    public void close() {}

    private static double score(Set<String> queryWords, String text) {
        if (queryWords.isEmpty()) {
            return 0;
        }
        Set<String> chunkWords = new HashSet<>(Words.of(text));
        long found = queryWords.stream().filter(chunkWords::contains).count();
        return (double) found / queryWords.size();
    }
}

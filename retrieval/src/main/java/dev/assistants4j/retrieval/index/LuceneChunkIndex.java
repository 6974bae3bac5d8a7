package dev.assistants4j.retrieval.index;

import dev.assistants4j.core.error.ServiceUnavailableException;
import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.ChunkIndex;
import dev.assistants4j.core.search.ChunkQuery;
import dev.assistants4j.core.search.IndexedChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChunkIndex} of a server: one Lucene index in one directory (the caller passes {@code <data>/index})
 * holding the chunks of every vector store, one document per chunk.
 *
 * <p><b>Search</b> is hybrid, within a filter (the query's vector stores and, when given, its files): the nearest
 * chunks to the query vector by an HNSW search (dot product of unit vectors), and the best BM25 matches of the
 * query's text analysed like the chunks' texts (English: stopwords removed, Porter stemming, so "indexing" finds
 * "indexed"). Each returns {@link IndexTuning#candidates()} chunks; the two rankings are fused by {@link RankFusion
 * reciprocal rank} (k = 60): {@code score = (1/n) * Σ 61 / (60 + rank)} over the {@code n} rankings that ran (a
 * query text with no terms left after analysis runs only the vector search), so 1.0 means first in both. Ties are
 * broken by vector store id, file id and chunk index, so results are deterministic.
 *
 * <p><b>Durability</b>: {@link #add}, {@link #deleteFile} and {@link #deleteStore} return after a Lucene commit that
 * holds their change (concurrent writers share a commit when one started after their change), and the change is
 * visible to searches from then on.
 *
 * <p><b>Disk errors</b>: Lucene closes its writer for good when a write fails inside it (a full disk); the index then
 * opens a new writer on its last commit, so that once space is back it takes changes again without a restart. The
 * changes of the failed operations were never acknowledged; a write on a full disk is a 503
 * {@link ServiceUnavailableException}.
 *
 * <p><b>Identity</b>: the embedder's name and dimensions are recorded in the index; {@link #open} refuses an index
 * built with another embedder, whose vectors could not be compared with the configured one's.
 *
 * <p>Thread-safe.
 */
public final class LuceneChunkIndex implements ChunkIndex {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneChunkIndex.class);

    private final Path path;
    private final IndexIdentity identity;
    private final IndexTuning tuning;
    private final Directory directory;
    private final Analyzer analyzer;
    /** The writer and the searchers over it, replaced together after a disk error closed the writer. */
    private volatile Open open;

    private final ReentrantLock commitLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The sequence number up to which every change is in a commit (guarded by {@link #commitLock}). */
    private long committedThrough = -1;

    private LuceneChunkIndex(
            Path path, IndexIdentity identity, IndexTuning tuning, Directory directory, Analyzer analyzer, Open open) {
        this.path = path;
        this.identity = identity;
        this.tuning = tuning;
        this.directory = directory;
        this.analyzer = analyzer;
        this.open = open;
    }

    /** An open writer and the searchers that see what it committed. */
    private record Open(IndexWriter writer, SearcherManager searchers) {}

    /** Opens (or creates) the index in {@code directory} with the default {@link IndexTuning}. */
    public static LuceneChunkIndex open(Path directory, String embedderName, int dimensions) {
        return open(directory, embedderName, dimensions, IndexTuning.DEFAULTS);
    }

    /**
     * Opens (or creates) the index in {@code directory} for vectors of {@code dimensions} floats made by {@code
     * embedderName}.
     *
     * @throws IllegalStateException when the index there was built with another embedder or dimensions
     * @throws UncheckedIOException when the directory cannot be opened (or another process holds it)
     */
    public static LuceneChunkIndex open(Path directory, String embedderName, int dimensions, IndexTuning tuning) {
        IndexIdentity identity = new IndexIdentity(embedderName, dimensions);
        Directory lucene = null;
        Analyzer analyzer = new EnglishAnalyzer();
        try {
            Files.createDirectories(directory);
            lucene = FSDirectory.open(directory);
            identity.checkExisting(lucene, directory);
            Open open = openWriter(lucene, analyzer, tuning, identity);
            return new LuceneChunkIndex(directory, identity, tuning, lucene, analyzer, open);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lucene, e);
            analyzer.close();
            if (e instanceof LockObtainFailedException locked) {
                throw new UncheckedIOException(
                        "the chunk index in " + directory + " is in use by another process: is another assistants4j"
                                + " server or embedded client running on this data dir?",
                        locked);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open the chunk index in " + directory + ": " + io, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Opens a writer on the last commit (creating the index if there is none), and its searchers. */
    private static Open openWriter(Directory lucene, Analyzer analyzer, IndexTuning tuning, IndexIdentity identity)
            throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(codec(tuning))
                .setCommitOnClose(true);
        IndexWriter writer = new IndexWriter(lucene, config);
        try {
            writer.setLiveCommitData(identity.commitData().entrySet());
            writer.commit(); // a new index records its embedder at once
            return new Open(writer, new SearcherManager(writer, null));
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
    }

    private static Codec codec(IndexTuning tuning) {
        KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(tuning.hnswMaxConn(), tuning.hnswBeamWidth());
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return vectors;
            }
        };
    }

    /**
     * Adds chunks durably; each (vector store, file) among them first loses the chunks it had.
     *
     * @throws IllegalArgumentException when a vector does not have the index's dimensions or is not finite
     */
    @Override
    public void add(List<IndexedChunk> chunks) {
        Map<Term, List<Document>> byFile = new LinkedHashMap<>();
        for (IndexedChunk chunk : chunks) {
            checkDimensions(chunk.vector(), "chunk " + chunk.index() + " of file " + chunk.fileId());
            byFile.computeIfAbsent(
                            ChunkFields.storeFileTerm(chunk.vectorStoreId(), chunk.fileId()), t -> new ArrayList<>())
                    .add(ChunkFields.document(chunk));
        }
        if (byFile.isEmpty()) {
            return;
        }
        write(writer -> {
            long seqNo = -1;
            for (Map.Entry<Term, List<Document>> file : byFile.entrySet()) {
                seqNo = writer.updateDocuments(file.getKey(), file.getValue());
            }
            return seqNo;
        });
    }

    @Override
    public void deleteFile(String vectorStoreId, String fileId) {
        write(writer -> writer.deleteDocuments(ChunkFields.storeFileTerm(vectorStoreId, fileId)));
    }

    @Override
    public void deleteStore(String vectorStoreId) {
        write(writer -> writer.deleteDocuments(new Term(ChunkFields.STORE, vectorStoreId)));
    }

    /** Removes every chunk of every vector store, durably (before the index is built anew from elsewhere). */
    public void clear() {
        write(IndexWriter::deleteAll);
    }

    /** The directory the index lives in. */
    public Path directory() {
        return path;
    }

    @Override
    public List<ChunkHit> search(ChunkQuery query) {
        ensureOpen();
        if (query.vectorStoreIds().isEmpty()
                || query.fileIds().map(Set::isEmpty).orElse(false)) {
            return List.of();
        }
        float[] vector = query.vector();
        if (vector != null) {
            checkDimensions(vector, "the query vector");
        }
        Query filter = filter(query);
        Optional<Query> keywords = KeywordQuery.of(analyzer, query.text());
        int candidates = Math.max(query.limit(), tuning.candidates());
        return withSearcher(searcher -> {
            List<ScoreDoc[]> rankings = new ArrayList<>(2);
            if (vector != null) {
                Query nearest = new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, candidates, filter);
                rankings.add(searcher.search(nearest, candidates).scoreDocs);
            }
            if (keywords.isPresent()) {
                Query bm25 = new BooleanQuery.Builder()
                        .add(keywords.get(), BooleanClause.Occur.MUST)
                        .add(filter, BooleanClause.Occur.FILTER)
                        .build();
                rankings.add(searcher.search(bm25, candidates).scoreDocs);
            }
            return best(searcher, RankFusion.fuse(rankings), query.limit());
        });
    }

    @Override
    public int chunkCount(String vectorStoreId, String fileId) {
        return withSearcher(
                searcher -> searcher.count(new TermQuery(ChunkFields.storeFileTerm(vectorStoreId, fileId))));
    }

    /** A file's chunks in a vector store by chunk index; their score is 0. */
    @Override
    public List<ChunkHit> chunks(String vectorStoreId, String fileId) {
        Query file = new TermQuery(ChunkFields.storeFileTerm(vectorStoreId, fileId));
        return withSearcher(searcher -> {
            int count = searcher.count(file);
            if (count == 0) {
                return List.of();
            }
            List<ChunkHit> hits = new ArrayList<>(count);
            for (ScoreDoc doc : searcher.search(file, count).scoreDocs) {
                hits.add(ChunkFields.hit(searcher.storedFields().document(doc.doc, ChunkFields.STORED), 0));
            }
            hits.sort(Comparator.comparingInt(ChunkHit::index));
            return List.copyOf(hits);
        });
    }

    /** Commits what was written and closes the index; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Open current = open;
        try (Directory toClose = directory;
                Analyzer analyzerToClose = analyzer) {
            try {
                current.searchers().close();
            } finally {
                current.writer().close(); // commits on close
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the chunk index in " + path + ": " + e, e);
        }
    }

    private static Query filter(ChunkQuery query) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermInSetQuery(ChunkFields.STORE, bytes(query.vectorStoreIds())), BooleanClause.Occur.FILTER);
        query.fileIds()
                .ifPresent(files ->
                        filter.add(new TermInSetQuery(ChunkFields.FILE, bytes(files)), BooleanClause.Occur.FILTER));
        return filter.build();
    }

    private static List<BytesRef> bytes(Set<String> values) {
        return values.stream().map(BytesRef::new).toList();
    }

    /**
     * The {@code limit} best fused documents. Ties are broken by {@link ChunkKey}: only the documents scoring at least
     * the {@code limit}-th best score have their key read, and only the returned ones are loaded.
     */
    private static List<ChunkHit> best(IndexSearcher searcher, Map<Integer, Double> scores, int limit)
            throws IOException {
        if (scores.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
        double cutoff = ranked.get(Math.min(limit, ranked.size()) - 1).getValue();
        List<Scored> contenders = new ArrayList<>();
        for (Map.Entry<Integer, Double> entry : ranked) {
            if (entry.getValue() < cutoff) {
                break;
            }
            contenders.add(new Scored(entry.getKey(), entry.getValue(), ChunkKey.of(searcher, entry.getKey())));
        }
        contenders.sort(Scored.ORDER);
        List<ChunkHit> hits = new ArrayList<>(Math.min(limit, contenders.size()));
        for (Scored scored : contenders.subList(0, Math.min(limit, contenders.size()))) {
            Document document = searcher.storedFields().document(scored.doc(), ChunkFields.STORED);
            hits.add(ChunkFields.hit(document, scored.score()));
        }
        return List.copyOf(hits);
    }

    /** A fused document with its key. */
    private record Scored(int doc, double score, ChunkKey key) {
        static final Comparator<Scored> ORDER =
                Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::key, ChunkKey.ORDER);
    }

    private void checkDimensions(float[] vector, String what) {
        if (vector.length != identity.dimensions()) {
            throw new IllegalArgumentException(what + " has " + vector.length + " dimensions, but the index holds "
                    + identity.dimensions() + "-dimensional vectors of " + identity.embedderName());
        }
    }

    /** A change to the index; returns the sequence number of its last operation. */
    private interface Change {
        long apply(IndexWriter writer) throws IOException;
    }

    /** Applies a change, then returns once a commit holds it and searches see it. */
    private void write(Change change) {
        ensureOpen();
        Open current = open;
        if (!current.writer().isOpen()) { // closed by an earlier failure, and not reopened then (the disk was full)
            reopenIfClosed(current, new IOException("the index writer was closed by an earlier failure"));
            current = open;
        }
        try {
            long seqNo = change.apply(current.writer());
            commitThrough(current.writer(), seqNo);
            current.searchers().maybeRefreshBlocking();
        } catch (IOException | AlreadyClosedException e) {
            reopenIfClosed(current, e);
            if (ServiceUnavailableException.noSpace(e)) {
                throw ServiceUnavailableException.diskFull("the search index's changes", e);
            }
            throw new UncheckedIOException("cannot write the chunk index in " + path + ": " + e, asIo(e));
        }
    }

    /** Replaces a writer that Lucene closed after a failure with a new one on the last commit. */
    private void reopenIfClosed(Open broken, Exception failure) {
        if (broken.writer().isOpen() || closed.get()) {
            return;
        }
        commitLock.lock();
        try {
            if (open != broken || closed.get()) {
                return; // replaced meanwhile
            }
            try {
                broken.searchers().close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
            open = openWriter(directory, analyzer, tuning, identity);
            committedThrough = -1; // the new writer numbers its operations anew
            LOG.warn("The chunk index in {} reopened its writer after a write failed: {}", path, failure.toString());
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e); // still failing (the disk is still full): the next write tries again
        } finally {
            commitLock.unlock();
        }
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e);
    }

    /**
     * Commits unless a commit that began after operation {@code seqNo} already holds it: concurrent writers waiting
     * here share the next commit (every operation numbered up to what {@link IndexWriter#commit} returns is in it).
     */
    private void commitThrough(IndexWriter writer, long seqNo) throws IOException {
        commitLock.lock();
        try {
            if (committedThrough < seqNo) {
                committedThrough = Math.max(committedThrough, writer.commit());
            }
        } finally {
            commitLock.unlock();
        }
    }

    private interface SearcherCall<T> {
        T call(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherCall<T> call) {
        ensureOpen();
        SearcherManager searchers = open.searchers();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return call.call(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the chunk index in " + path + ": " + e, e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the chunk index in " + path + " is closed");
        }
    }

    private static void closeQuietly(Directory directory, Exception cause) {
        if (directory == null) {
            return;
        }
        try {
            directory.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}

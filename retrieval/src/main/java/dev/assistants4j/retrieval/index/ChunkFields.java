package dev.assistants4j.retrieval.index;

import dev.assistants4j.core.search.ChunkHit;
import dev.assistants4j.core.search.IndexedChunk;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * The fields of a chunk's Lucene document, and the conversions between chunks and documents. The vector store id, the
 * file id and the chunk index are also doc values, so that ranking ties are broken without loading stored fields.
 */
final class ChunkFields {

    static final String STORE = "vector_store_id";
    static final String FILE = "file_id";
    /** The vector store and the file together: the unit that is replaced and deleted. */
    static final String STORE_FILE = "store_file";

    static final String INDEX = "chunk_index";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final Set<String> STORED = Set.of(STORE, FILE, INDEX, TEXT);

    private ChunkFields() {}

    static Term storeFileTerm(String vectorStoreId, String fileId) {
        // Ids are generated and never contain a NUL, so the pair is unambiguous.
        return new Term(STORE_FILE, vectorStoreId + '\u0000' + fileId);
    }

    static Document document(IndexedChunk chunk) {
        Document document = new Document();
        document.add(new StringField(STORE, chunk.vectorStoreId(), Field.Store.YES));
        document.add(new SortedDocValuesField(STORE, new BytesRef(chunk.vectorStoreId())));
        document.add(new StringField(FILE, chunk.fileId(), Field.Store.YES));
        document.add(new SortedDocValuesField(FILE, new BytesRef(chunk.fileId())));
        document.add(new StringField(
                STORE_FILE, storeFileTerm(chunk.vectorStoreId(), chunk.fileId()).text(), Field.Store.NO));
        document.add(new StoredField(INDEX, chunk.index()));
        document.add(new NumericDocValuesField(INDEX, chunk.index()));
        document.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        document.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return document;
    }

    static ChunkHit hit(Document document, double score) {
        return new ChunkHit(
                document.get(STORE),
                document.get(FILE),
                document.getField(INDEX).numericValue().intValue(),
                document.get(TEXT),
                score);
    }
}

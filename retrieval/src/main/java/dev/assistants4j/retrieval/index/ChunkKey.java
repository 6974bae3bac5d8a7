package dev.assistants4j.retrieval.index;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;

/** What identifies a chunk, read from doc values: the order of chunks that score the same. */
record ChunkKey(String vectorStoreId, String fileId, int index) {

    static final Comparator<ChunkKey> ORDER = Comparator.comparing(ChunkKey::vectorStoreId)
            .thenComparing(ChunkKey::fileId)
            .thenComparingInt(ChunkKey::index);

    static ChunkKey of(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int leafDoc = doc - leaf.docBase;
        return new ChunkKey(
                string(DocValues.getSorted(leaf.reader(), ChunkFields.STORE), leafDoc),
                string(DocValues.getSorted(leaf.reader(), ChunkFields.FILE), leafDoc),
                (int) number(DocValues.getNumeric(leaf.reader(), ChunkFields.INDEX), leafDoc));
    }

    private static String string(SortedDocValues values, int doc) throws IOException {
        if (!values.advanceExact(doc)) {
            throw new IllegalStateException("chunk document " + doc + " has no key");
        }
        return values.lookupOrd(values.ordValue()).utf8ToString();
    }

    private static long number(NumericDocValues values, int doc) throws IOException {
        if (!values.advanceExact(doc)) {
            throw new IllegalStateException("chunk document " + doc + " has no index");
        }
        return values.longValue();
    }
}

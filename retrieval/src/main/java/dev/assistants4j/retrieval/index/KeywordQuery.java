package dev.assistants4j.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The BM25 half of a search, built from the analysed terms of the user's text rather than parsed, so no text (quotes,
 * colons, wildcards, unbalanced parentheses) can make it fail: its characters are only ever tokens or separators.
 */
final class KeywordQuery {

    /** Well under Lucene's 1024-clause limit; a query longer than this is not a keyword query anyway. */
    static final int MAX_TERMS = 256;

    private KeywordQuery() {}

    /**
     * A disjunction of the text's distinct analysed terms that must match at least half of them (one of one or two),
     * or empty when it has none (blank or only stopwords). Without that floor, a chunk sharing one common word with a
     * long question ("water", "when") enters the keyword ranking, and the fusion ranks it above the chunk that only
     * the vectors found however close that is: paraphrased questions would lose their answer.
     */
    static Optional<Query> of(Analyzer analyzer, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Set<String> terms = terms(analyzer, text);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(ChunkFields.TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        query.setMinimumNumberShouldMatch(minimumMatching(terms.size()));
        return Optional.of(query.build());
    }

    /** Half of the terms, rounded up; one when there are one or two. */
    static int minimumMatching(int terms) {
        return terms <= 2 ? 1 : (terms + 1) / 2;
    }

    private static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(ChunkFields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (terms.size() < MAX_TERMS && tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return terms;
    }
}

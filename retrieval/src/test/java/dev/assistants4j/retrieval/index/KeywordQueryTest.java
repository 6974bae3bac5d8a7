package dev.assistants4j.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.Test;

class KeywordQueryTest {

    @Test
    void a_query_must_match_half_of_its_terms_and_one_of_one_or_two() {
        assertThat(KeywordQuery.minimumMatching(1)).isEqualTo(1);
        assertThat(KeywordQuery.minimumMatching(2)).isEqualTo(1);
        assertThat(KeywordQuery.minimumMatching(3)).isEqualTo(2);
        assertThat(KeywordQuery.minimumMatching(4)).isEqualTo(2);
        assertThat(KeywordQuery.minimumMatching(10)).isEqualTo(5);
    }

    @Test
    void the_query_carries_its_distinct_stemmed_terms_and_the_floor() {
        // when
        BooleanQuery query =
                (BooleanQuery) KeywordQuery.of(new EnglishAnalyzer(), "How do rivers of frozen water carve rivers?")
                        .orElseThrow();

        // then: how, do, river, frozen, water, carv (stopword "of" dropped, "rivers" once)
        assertThat(query.clauses()).hasSize(6);
        assertThat(query.getMinimumNumberShouldMatch()).isEqualTo(3);
        assertThat(KeywordQuery.of(new EnglishAnalyzer(), "of the and")).isEmpty();
    }
}

package dev.assistants4j.retrieval.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assistants4j.core.search.TextChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenChunkerTest {

    private static final TokenChunker CHUNKER = new TokenChunker();

    @Test
    void limits_are_validated() {
        assertThatThrownBy(() -> CHUNKER.chunk("x", 99, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CHUNKER.chunk("x", 4097, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CHUNKER.chunk("x", 800, 401)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CHUNKER.chunk("x", 800, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CHUNKER.chunk("x", 100, 50)).hasSize(1);
        assertThat(CHUNKER.chunk("x", 4096, 2048)).hasSize(1);
    }

    @Test
    void blank_text_has_no_chunks() {
        assertThat(CHUNKER.chunk("", 800, 400)).isEmpty();
        assertThat(CHUNKER.chunk(" \n\n\t ", 800, 400)).isEmpty();
        assertThat(CHUNKER.chunk(null, 800, 400)).isEmpty();
    }

    @Test
    void short_text_is_one_chunk_with_its_token_count() {
        // when
        List<TextChunk> chunks = CHUNKER.chunk("Hello world, this is a test.", 800, 400);

        // then
        assertThat(chunks).containsExactly(new TextChunk(0, "Hello world, this is a test.", 8));
        assertThat(CHUNKER.countTokens("Hello world, this is a test.")).isEqualTo(8);
    }

    @Test
    void long_text_is_cut_into_overlapping_windows_of_at_most_max_tokens() {
        // given
        String text = SampleText.prose(60_000, 1);

        // when
        List<TextChunk> chunks = CHUNKER.chunk(text, 800, 400);

        // then
        int total = CHUNKER.countTokens(text);
        assertThat(chunks.size()).isBetween(total / 400 - 2, total / 360 + 2);
        for (int i = 0; i < chunks.size(); i++) {
            TextChunk chunk = chunks.get(i);
            assertThat(chunk.index()).isEqualTo(i);
            assertThat(chunk.tokens())
                    .isEqualTo(CHUNKER.countTokens(chunk.text()))
                    .isLessThanOrEqualTo(800);
            assertThat(text).contains(chunk.text());
            if (i < chunks.size() - 1) {
                assertThat(chunk.tokens()).isGreaterThan(700);
                String next = chunks.get(i + 1).text();
                String tail = chunk.text().substring(chunk.text().length() - 200);
                assertThat(next).as("chunk %d overlaps the next", i).contains(tail);
            }
        }
        assertThat(text)
                .startsWith(chunks.getFirst().text())
                .endsWith(chunks.getLast().text());
    }

    @Test
    void without_overlap_the_chunks_put_together_are_the_text() {
        // given
        String text = SampleText.prose(20_000, 2);

        // when
        List<TextChunk> chunks = CHUNKER.chunk(text, 300, 0);

        // then
        assertThat(String.join("", chunks.stream().map(TextChunk::text).toList()))
                .isEqualTo(text);
    }

    @Test
    void chunks_end_at_paragraph_or_sentence_boundaries_when_one_is_near() {
        // given
        String text = SampleText.prose(30_000, 3);

        // when
        List<TextChunk> chunks = CHUNKER.chunk(text, 400, 100);

        // then
        for (TextChunk chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.text()).matches("(?s).*(\\n|[.!?])");
        }
    }

    @Test
    void multi_byte_characters_are_never_split() {
        // given: emoji and CJK, whose bytes cl100k splits across tokens
        String text = "\ud83d\ude00\ud83c\udf89\u4e2d\u6587\u5b57\ud83e\udd16 ".repeat(2000);

        // when
        List<TextChunk> chunks = CHUNKER.chunk(text, 100, 50);

        // then
        assertThat(chunks).hasSizeGreaterThan(10);
        for (TextChunk chunk : chunks) {
            assertThat(chunk.text()).doesNotContain("\uFFFD");
            assertThat(chunk.tokens()).isLessThanOrEqualTo(100).isEqualTo(CHUNKER.countTokens(chunk.text()));
            assertThat(text).contains(chunk.text());
        }
    }

    @Test
    void text_without_spaces_is_still_cut_at_the_limit() {
        // given
        String text = "abcdefghij".repeat(3000);

        // when
        List<TextChunk> chunks = CHUNKER.chunk(text, 200, 0);

        // then
        assertThat(chunks).hasSizeGreaterThan(5).allMatch(chunk -> chunk.tokens() <= 200);
        assertThat(String.join("", chunks.stream().map(TextChunk::text).toList()))
                .isEqualTo(text);
    }

    @Test
    void special_token_text_is_ordinary_text() {
        assertThat(CHUNKER.chunk("before <|endoftext|> after", 100, 0))
                .singleElement()
                .extracting(TextChunk::text)
                .isEqualTo("before <|endoftext|> after");
    }

    @Test
    void one_megabyte_is_chunked_fast() {
        // given
        String text = SampleText.prose(1_000_000, 4);
        CHUNKER.chunk(text.substring(0, 50_000), 800, 400); // warm up

        // when
        long start = System.nanoTime();
        List<TextChunk> chunks = CHUNKER.chunk(text, 800, 400);
        long millis = (System.nanoTime() - start) / 1_000_000;

        // then
        System.out.printf("chunked 1 MB into %d chunks of 800/400 tokens in %d ms%n", chunks.size(), millis);
        assertThat(chunks).hasSizeGreaterThan(400);
        assertThat(millis).isLessThan(5_000);
    }
}

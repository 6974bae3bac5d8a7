package dev.assistants4j.retrieval.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.assistants4j.core.search.ExtractionException;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.tika.parser.external.CompositeExternalParser;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TikaTextExtractorTest {

    private static final TikaTextExtractor EXTRACTOR = new TikaTextExtractor();

    @Test
    void pdf_keeps_its_paragraphs_and_pages() throws Exception {
        // given
        byte[] pdf = SampleFiles.pdf(List.of(
                List.of("The first paragraph talks about cats.", "The second one is about dogs."),
                List.of("Page two mentions penguins.")));

        // when
        String text = extract("report.pdf", pdf);

        // then
        assertThat(text).contains("The first paragraph talks about cats.", "Page two mentions penguins.");
        assertThat(text.indexOf("cats.")).isLessThan(text.indexOf("dogs.")).isLessThan(text.indexOf("penguins."));
        assertThat(text.substring(text.indexOf("dogs."), text.indexOf("Page two")))
                .contains("\n\n");
    }

    @Test
    void docx_paragraphs_are_separated_by_blank_lines() throws Exception {
        // when
        String text = extract("notes.docx", SampleFiles.docx(List.of("Alpha paragraph.", "Beta paragraph.", "Gamma.")));

        // then
        assertThat(text).isEqualTo("Alpha paragraph.\n\nBeta paragraph.\n\nGamma.");
    }

    @Test
    void pptx_gives_the_text_of_every_slide() throws Exception {
        // when
        String text = extract("deck.pptx", SampleFiles.pptx(List.of("Quarterly results", "Next steps: hire")));

        // then
        assertThat(text).contains("Quarterly results", "Next steps: hire");
        assertThat(text.substring(text.indexOf("results"), text.indexOf("Next")))
                .contains("\n\n");
    }

    @Test
    void html_gives_the_body_text_without_scripts() throws Exception {
        // given
        String html = "<html><head><title>T</title><script>var secret = 1;</script></head>"
                + "<body><h1>Heading</h1><p>First <b>bold</b> words.</p><p>Second.</p></body></html>";

        // when
        String text = extract("page.html", html.getBytes(UTF_8));

        // then
        assertThat(text).isEqualTo("Heading\n\nFirst bold words.\n\nSecond.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "README.md",
                "notes.txt",
                "data.json",
                "table.csv",
                "Main.java",
                "app.py",
                "index.ts",
                "view.tsx",
                "main.go",
                "tool.rb",
                "run.sh",
                "lib.c",
                "Makefile",
                "no-extension"
            })
    void text_and_source_code_are_read_exactly(String name) throws Exception {
        // given
        String source =
                "// \u00e9t\u00e9 caf\u00e9 \u2014 \u4e2d\u6587 \ud83d\ude00\nfunction f(a, b) {\n    return a + b;\n}\n\n\n"
                        + "x,y\n1,2\n";

        // when
        String text = extract(name, source.getBytes(UTF_8));

        // then
        assertThat(text).isEqualTo(source);
    }

    @Test
    void windows_line_ends_and_a_byte_order_mark_are_normalised() throws Exception {
        // when
        String text = extract("a.txt", "\uFEFFone\r\ntwo\r\n".getBytes(UTF_8));

        // then
        assertThat(text).isEqualTo("one\ntwo\n");
    }

    @Test
    void latin1_and_utf16_text_are_decoded() throws Exception {
        // given
        String french =
                "Le caf\u00e9 est tr\u00e8s bon. L'\u00e9t\u00e9 est chaud, \u00e0 la plage et \u00e0 la montagne.";

        // when
        String latin1 = extract("fr.txt", french.getBytes(Charset.forName("ISO-8859-1")));
        String utf16 = extract("fr.txt", ("\uFEFF" + french).getBytes(StandardCharsets.UTF_16LE));

        // then
        assertThat(latin1).isEqualTo(french);
        assertThat(utf16).isEqualTo(french);
    }

    @Test
    void images_audio_archives_and_executables_are_unsupported_naming_their_type() {
        assertUnsupported("photo.png", SampleFiles.png(), "image/png");
        assertUnsupported("photo.txt", SampleFiles.png(), "image/png");
        assertUnsupported("sound.wav", SampleFiles.wav(), "audio/");
        assertUnsupported("bundle.zip", SampleFiles.zip("a.txt", "hello".getBytes(UTF_8)), "application/zip");
        assertUnsupported("tool", SampleFiles.elf(), "application/x-");
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        assertUnsupported("blob.bin", noise, "application/octet-stream");
    }

    @Test
    void a_truncated_pdf_is_invalid() {
        // given
        byte[] pdf = SampleFiles.pdf(List.of(List.of("Some text that will be cut off.")));

        // when
        ExtractionException failure = failure("cut.pdf", Arrays.copyOf(pdf, pdf.length / 3));

        // then
        assertThat(failure.code()).isEqualTo(ExtractionException.INVALID_FILE);
        assertThat(failure.getMessage()).contains("cut.pdf", "application/pdf");
    }

    @Test
    void garbage_named_docx_is_invalid() {
        // given
        byte[] noise = new byte[4096];
        new java.util.Random(11).nextBytes(noise);

        // when
        ExtractionException binary = failure("fake.docx", noise);
        ExtractionException text = failure("fake.docx", "this is not a word document at all".getBytes(UTF_8));
        ExtractionException truncated = failure("cut.docx", Arrays.copyOf(SampleFiles.docx(List.of("x")), 300));

        // then
        assertThat(binary.code()).isEqualTo(ExtractionException.INVALID_FILE);
        assertThat(text.code()).isEqualTo(ExtractionException.INVALID_FILE);
        assertThat(text.getMessage()).contains("wordprocessingml");
        assertThat(truncated.code()).isEqualTo(ExtractionException.INVALID_FILE);
    }

    @Test
    void empty_and_blank_files_contain_no_text() {
        for (byte[] content : List.of(new byte[0], " \n\t\n ".getBytes(UTF_8))) {
            ExtractionException failure = failure("empty.txt", content);
            assertThat(failure.code()).isEqualTo(ExtractionException.INVALID_FILE);
            assertThat(failure.getMessage()).contains("contains no text");
        }
        ExtractionException pdf = failure("blank.pdf", SampleFiles.pdf(List.of(List.of())));
        assertThat(pdf.getMessage()).contains("contains no text");
    }

    @Test
    void text_over_the_cap_is_invalid_rather_than_cut() throws Exception {
        // given
        TikaTextExtractor small = new TikaTextExtractor(1000);
        byte[] big = "word ".repeat(300).getBytes(UTF_8);
        byte[] bigHtml = ("<html><body><p>" + "word ".repeat(300) + "</p></body></html>").getBytes(UTF_8);

        // when
        ExtractionException text = catchThrowableOfType(
                ExtractionException.class, () -> small.extract("big.txt", new ByteArrayInputStream(big)));
        ExtractionException html = catchThrowableOfType(
                ExtractionException.class, () -> small.extract("big.html", new ByteArrayInputStream(bigHtml)));

        // then
        assertThat(text.code()).isEqualTo(ExtractionException.INVALID_FILE);
        assertThat(text.getMessage()).contains("more than 1000 characters");
        assertThat(html.getMessage()).contains("more than 1000 characters");
        assertThat(new TikaTextExtractor().extract("big.txt", new ByteArrayInputStream(big)))
                .hasSize(1500);
    }

    @Test
    void more_than_tikas_default_write_limit_is_kept() throws Exception {
        // given: 150,000 characters, over Tika's default 100,000
        String body = "lorem ipsum ".repeat(12_500);
        byte[] html = ("<html><body><p>" + body + "</p><p>THE END</p></body></html>").getBytes(UTF_8);

        // when
        String text = extract("long.html", html);

        // then
        assertThat(text).endsWith("THE END").hasSizeGreaterThan(150_000);
    }

    @Test
    void no_parser_that_starts_external_processes_is_loaded() {
        assertThat(EXTRACTOR.parsers())
                .isNotEmpty()
                .noneMatch(parser -> parser instanceof TesseractOCRParser)
                .noneMatch(parser -> parser instanceof CompositeExternalParser)
                .noneMatch(parser -> parser.getClass().getName().contains(".external"));
    }

    @Test
    void extraction_is_thread_safe() throws Exception {
        // given
        byte[] docx = SampleFiles.docx(List.of("Parallel one.", "Parallel two."));
        byte[] pdf = SampleFiles.pdf(List.of(List.of("Parallel pdf.")));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            // when
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean even = i % 2 == 0;
                results.add(pool.submit(() -> even ? extract("a.docx", docx) : extract("b.pdf", pdf)));
            }

            // then
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).contains(i % 2 == 0 ? "Parallel two." : "Parallel pdf.");
            }
        }
    }

    @Test
    void the_callers_stream_is_left_open() throws Exception {
        // given
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream("hello".getBytes(UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        // when
        String text = EXTRACTOR.extract("a.txt", in);

        // then
        assertThat(text).isEqualTo("hello");
        assertThat(closed[0]).isFalse();
    }

    private static void assertUnsupported(String name, byte[] content, String type) {
        ExtractionException failure = failure(name, content);
        assertThat(failure.code()).as(name).isEqualTo(ExtractionException.UNSUPPORTED_FILE);
        assertThat(failure.getMessage()).as(name).contains(type).contains("not support");
    }

    private static ExtractionException failure(String name, byte[] content) {
        ExtractionException failure = catchThrowableOfType(ExtractionException.class, () -> extract(name, content));
        assertThat(failure).as("failure for " + name).isNotNull();
        return failure;
    }

    private static String extract(String name, byte[] content) throws ExtractionException {
        return EXTRACTOR.extract(name, new ByteArrayInputStream(content));
    }
}

package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vector store files over raw HTTP on the server's real retrieval (Tika, token chunks, the local MiniLM model, the
 * Lucene index): files it cannot use end {@code failed} with OpenAI's codes and a clear message, never stuck in
 * progress; PDF, docx and HTML files are extracted and searchable; deleting a file removes its chunks; and an index
 * survives a restart. One server serves all but the restart test, so the model loads once for them.
 */
class VectorStoreRealRetrievalTest {

    @TempDir
    static Path dataDir;

    @TempDir
    Path restartDir;

    static AssistantsServer server;
    static HttpTestClient client;
    static VectorStoreHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        client = new HttpTestClient(server, dataDir);
        http = new VectorStoreHttp(client, dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unusable_files_end_failed_with_the_right_code_and_a_clear_message() {
        // given
        byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1);
        byte[] corruptPdf = "%PDF-1.7\n\u0001\u0002 garbage, no objects, no xref \u00ff\u00fe trailer?"
                .getBytes(StandardCharsets.ISO_8859_1);
        String image = http.upload("pixel.png", png);
        String broken = http.upload("broken.pdf", corruptPdf);
        String empty = http.upload("empty.txt", new byte[0]);
        String blank = http.upload("blank.md", " \n\t\n ");
        String storeId = http.createStore(storeOf("bad", image, broken, empty, blank));

        // when
        JsonNode imageFile = http.awaitFile(storeId, image);
        JsonNode brokenFile = http.awaitFile(storeId, broken);
        JsonNode emptyFile = http.awaitFile(storeId, empty);
        JsonNode blankFile = http.awaitFile(storeId, blank);

        // then
        assertFailed(imageFile, "unsupported_file", "'pixel.png' is of type image/png");
        assertFailed(brokenFile, "invalid_file", "'broken.pdf' could not be read as application/pdf");
        assertFailed(emptyFile, "invalid_file", "contains no text");
        assertFailed(blankFile, "invalid_file", "contains no text");
        JsonNode store = client.get("/v1/vector_stores/" + storeId).json();
        assertThat(store.get("status").asText()).isEqualTo("completed");
        assertThat(store.get("file_counts").get("failed").asInt()).isEqualTo(4);
        assertThat(store.get("file_counts").get("in_progress").asInt()).isZero();
        assertThat(search(storeId, "garbage pixel")).isEmpty();
        client.assertNoServerErrors();
    }

    @Test
    void pdf_docx_and_html_files_are_extracted_and_searchable() {
        // given
        String pdf = http.upload(
                "manual.pdf",
                pdf("Calibration manual", "Turn the brass knurled wheel clockwise until the needle rests on zero."));
        String docx = http.upload(
                "minutes.docx",
                docx("Board minutes", "The committee approved the new lighthouse keeper rota for November."));
        String html = http.upload(
                "recipe.html",
                ("<html><head><title>Gazpacho</title><script>var ignored = 'cucumber';</script></head><body>"
                                + "<h1>Gazpacho</h1><p>Blend ripe tomatoes, peppers and stale bread, then chill"
                                + " the soup overnight.</p></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
        String storeId = http.createStore(storeOf("formats", pdf, docx, html));

        // when
        List<JsonNode> files =
                List.of(http.awaitFile(storeId, pdf), http.awaitFile(storeId, docx), http.awaitFile(storeId, html));

        // then
        assertThat(files)
                .extracting(file -> file.get("status").asText() + " " + file.get("last_error"))
                .containsOnly("completed null");
        assertTopResult(storeId, "knurled wheel needle", pdf, "brass knurled wheel clockwise");
        assertTopResult(storeId, "lighthouse keeper rota", docx, "lighthouse keeper rota for November");
        assertTopResult(storeId, "cold tomato soup", html, "Blend ripe tomatoes");
        assertThat(search(storeId, "lighthouse")
                        .get(0)
                        .get("content")
                        .get(0)
                        .get("text")
                        .asText())
                .doesNotContain("<");
        assertThat(client.get("/v1/vector_stores/" + storeId + "/files/" + html + "/content")
                        .json()
                        .toString())
                .contains("Blend ripe tomatoes")
                .doesNotContain("var ignored");
        client.assertNoServerErrors();
    }

    @Test
    void deleting_a_file_through_the_files_api_removes_its_chunks_from_search() {
        // given
        String kept = http.upload("kept.txt", "Otters hold hands while sleeping so they do not drift apart.");
        String doomed = http.upload("doomed.txt", "Quokkas are small marsupials that live on Rottnest Island.");
        String storeId = http.createStore(storeOf("delete", kept, doomed));
        http.awaitFile(storeId, kept);
        http.awaitFile(storeId, doomed);
        assertThat(fileIds(search(storeId, "quokka marsupials Rottnest"))).contains(doomed);

        // when
        JsonNode deleted = client.delete("/v1/files/" + doomed).json();

        // then
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(fileIds(search(storeId, "quokka marsupials Rottnest"))).containsExactly(kept);
        assertThat(client.listIds("/v1/vector_stores/" + storeId + "/files")).containsExactly(kept);
        client.assertNoServerErrors();
    }

    @Test
    void the_responses_clients_poll_tell_the_sdks_how_long_to_wait() {
        // given
        String fileId = http.upload("poll.txt", "polling interval header");
        String storeId = http.createStore(storeOf("poll", fileId));
        http.awaitFile(storeId, fileId);
        String batchId = client.createId(
                "/v1/vector_stores/" + storeId + "/file_batches", "{\"file_ids\":[\"" + fileId + "\"]}");

        // when
        List<String> paths = List.of(
                "/v1/vector_stores/" + storeId,
                "/v1/vector_stores/" + storeId + "/files/" + fileId,
                "/v1/vector_stores/" + storeId + "/file_batches/" + batchId);

        // then
        for (String path : paths) {
            assertThat(client.get(path).header("openai-poll-after-ms")).as(path).isEqualTo("200");
        }
    }

    @Test
    void a_store_and_its_index_survive_a_restart() {
        // given
        String storeId;
        String fileId;
        JsonNode before;
        try (AssistantsServer first = TestServer.start(restartDir)) {
            VectorStoreHttp firstHttp = new VectorStoreHttp(new HttpTestClient(first, restartDir), restartDir);
            fileId = firstHttp.upload("durable.txt", "The durable durian orchard is irrigated from a spring well.");
            storeId = firstHttp.createStore(storeOf("durable", fileId));
            assertThat(firstHttp.awaitFile(storeId, fileId).get("status").asText())
                    .isEqualTo("completed");
            before = searchOn(new HttpTestClient(first, restartDir), storeId, "fruit farm watering");
        }

        // when
        try (AssistantsServer second = TestServer.start(restartDir)) {
            HttpTestClient secondClient = new HttpTestClient(second, restartDir);
            JsonNode after = searchOn(secondClient, storeId, "fruit farm watering");

            // then
            assertThat(fileIds(before)).containsExactly(fileId);
            assertThat(after).isEqualTo(before);
            secondClient.assertNoServerErrors();
        }
    }

    // ---- helpers

    private static void assertFailed(JsonNode file, String code, String message) {
        assertThat(file.get("status").asText()).as("status of %s", file).isEqualTo("failed");
        assertThat(file.get("last_error").get("code").asText())
                .as("code of %s", file)
                .isEqualTo(code);
        assertThat(file.get("last_error").get("message").asText())
                .as("message of %s", file)
                .contains(message);
    }

    private static void assertTopResult(String storeId, String query, String fileId, String text) {
        JsonNode results = search(storeId, query);
        assertThat(results.isEmpty()).as("results for %s", query).isFalse();
        assertThat(results.get(0).get("file_id").asText())
                .as("top result for %s", query)
                .isEqualTo(fileId);
        assertThat(results.get(0).get("content").get(0).get("text").asText()).contains(text);
    }

    private static JsonNode search(String storeId, String query) {
        return searchOn(client, storeId, query);
    }

    private static JsonNode searchOn(HttpTestClient on, String storeId, String query) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        return on.create("/v1/vector_stores/" + storeId + "/search", body.toString())
                .get("data");
    }

    private static List<String> fileIds(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(result -> ids.add(result.get("file_id").asText()));
        return ids;
    }

    private static String storeOf(String name, String... fileIds) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        for (String fileId : fileIds) {
            body.withArray("file_ids").add(fileId);
        }
        return body.toString();
    }

    /** A one-page PDF with a title line and a body line, written by PDFBox (Tika's own PDF library). */
    private static byte[] pdf(String title, String body) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                float y = 700;
                for (String line : List.of(title, body)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, y);
                    content.showText(line);
                    content.endText();
                    y -= 40;
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A docx of the given paragraphs, written by POI. */
    private static byte[] docx(String... paragraphs) {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String paragraph : paragraphs) {
                document.createParagraph().createRun().setText(paragraph);
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

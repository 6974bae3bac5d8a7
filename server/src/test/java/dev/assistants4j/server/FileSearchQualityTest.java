package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How well file_search finds things, on the server's real retrieval (Tika, token chunks, the local MiniLM model, the
 * hybrid Lucene index) through {@code POST /vector_stores/{id}/search}: twelve short documents on distinct topics,
 * with pairs that share vocabulary (espresso and tea, volcanoes and earthquakes, bread and coffee), and for each
 * document a query of rare words from it and a paraphrase that shares no content word with it (checked here with the
 * index's own English analysis), so only the embedding can find it. The ranks are printed for the record.
 *
 * <p>Measured: every keyword query ranks its document first, and so do 11 of the 12 paraphrases (the tea question
 * ranks it second). A paraphrase's document is found by the vector search alone; the keyword half only admits chunks
 * that match at least half of the query's terms, so a chunk sharing one common word with a long question ("water",
 * "when") cannot outrank it through the fusion (with a plain disjunction, 3 of the 12 fell to rank 4 or 5).
 */
class FileSearchQualityTest {

    private static final int TOP = 3;

    /** Question and function words the English analyser keeps; a paraphrase may share these with its document. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "how", "when", "why", "what", "which", "who", "do", "doe", "did", "up", "so", "each", "other", "should",
            "someon", "someth", "from", "at", "it", "make", "take");

    /** One document and the two queries that must find it. */
    record Doc(String name, String text, String keywords, String paraphrase) {}

    static final List<Doc> CORPUS = List.of(
            new Doc(
                    "volcano.txt",
                    "Mount Kelvara erupted in 1783, sending pyroclastic flows down its eastern flank. Basaltic lava"
                            + " poured from fissure vents and covered the valley floor for kilometres. Volcanologists"
                            + " monitor sulfur dioxide emissions and seismic tremors to forecast the next eruption."
                            + " Ash plumes grounded flights across the region for weeks.",
                    "pyroclastic basaltic fissure vents",
                    "When did the peak blow up and spew molten rock?"),
            new Doc(
                    "earthquake.txt",
                    "Earthquakes happen when stress built up along a fault is released suddenly, sending seismic"
                            + " waves through the crust. Seismographs record P-waves first, because they travel"
                            + " faster than S-waves. The moment magnitude scale measures the energy released, and each"
                            + " whole number is about thirty-two times more energy than the one below.",
                    "seismographs P-waves magnitude fault",
                    "Why does the ground shake when rock plates slip against each other?"),
            new Doc(
                    "sourdough.txt",
                    "Sourdough relies on a starter of wild yeast and lactobacilli fed with flour and water. The dough"
                            + " ferments slowly overnight, which develops a tangy flavour and an open crumb. Bakers"
                            + " score the loaf before baking it in a preheated Dutch oven to trap steam.",
                    "lactobacilli starter crumb",
                    "How do you make naturally leavened bread taste sour?"),
            new Doc(
                    "espresso.txt",
                    "Espresso is brewed by forcing hot water through finely ground coffee at about nine bars of"
                            + " pressure. A good shot takes 25 to 30 seconds and is topped with a reddish-brown crema."
                            + " Baristas adjust the grind size and the dose until the extraction tastes balanced.",
                    "crema baristas extraction",
                    "How do cafes make that small intense caffeinated drink with their machines?"),
            new Doc(
                    "tea.txt",
                    "Green tea leaves are steamed or pan-fired soon after picking to stop oxidation, while black tea is"
                            + " fully oxidised. Steep green tea at around 80 degrees for two minutes, because boiling"
                            + " water scorches the leaves and makes the cup bitter. Matcha is a stone-ground powder"
                            + " that is whisked into the water rather than steeped.",
                    "oxidation matcha steep",
                    "At what heat should a Japanese herbal infusion be brewed so it is not harsh?"),
            new Doc(
                    "bees.txt",
                    "A honeybee colony is organised around a single queen who lays up to two thousand eggs a day."
                            + " Worker bees forage for nectar and pollen and tell their sisters where flowers are with"
                            + " a waggle dance. Beekeepers inspect the hive frames for varroa mites every spring.",
                    "waggle dance varroa",
                    "How do insects that produce honey communicate the location of blossoms?"),
            new Doc(
                    "marathon.txt",
                    "Marathon training plans build weekly mileage gradually, with one long run every weekend. Runners"
                            + " practise carbohydrate loading before race day and take energy gels every forty-five"
                            + " minutes. Tapering over the final three weeks lets the legs recover before the start.",
                    "tapering mileage gels",
                    "How should someone prepare for a 42 kilometre footrace?"),
            new Doc(
                    "tides.txt",
                    "Tides are caused by the gravitational pull of the moon and, to a lesser degree, the sun. Spring"
                            + " tides occur at new and full moon, when both bodies align and produce the highest high"
                            + " waters. Neap tides come at the quarter moons, when the range between high and low"
                            + " water is smallest.",
                    "neap gravitational spring tides",
                    "Why does the sea level rise and fall along the coast twice daily?"),
            new Doc(
                    "compiler.txt",
                    "A compiler translates source code into machine instructions in several passes. The lexer splits"
                            + " the text into tokens, the parser builds an abstract syntax tree, and the optimiser"
                            + " removes dead code and inlines small functions. Register allocation then maps variables"
                            + " onto the processor's registers.",
                    "lexer abstract syntax tree",
                    "How is a program someone wrote converted into something a CPU runs?"),
            new Doc(
                    "vaccines.txt",
                    "Vaccines train the immune system by exposing it to a harmless piece of a pathogen, such as an"
                            + " inactivated virus or a protein from its surface. B cells then produce antibodies, and"
                            + " memory cells remain for years, ready to respond quickly to a real infection.",
                    "antibodies pathogen inactivated",
                    "How do injections protect people from catching diseases later in life?"),
            new Doc(
                    "chess.txt",
                    "The Sicilian Defence is the most popular reply to 1.e4 at master level, leading to sharp,"
                            + " unbalanced positions. The Queen's Gambit offers a pawn to gain control of the centre."
                            + " Openings aim to develop knights and bishops quickly and to castle early.",
                    "Sicilian Defence Gambit",
                    "Which initial moves do grandmasters favour on the sixty-four square board?"),
            new Doc(
                    "glacier.txt",
                    "Glaciers form where more snow accumulates each winter than melts each summer, compressing into"
                            + " dense ice. As they flow downhill they carve U-shaped valleys and leave moraines of"
                            + " rock debris. Many alpine glaciers are retreating as average temperatures rise.",
                    "moraines U-shaped alpine",
                    "How do huge slow rivers of frozen water sculpt mountain landscapes?"));

    @TempDir
    static Path dataDir;

    static AssistantsServer server;
    static HttpTestClient client;
    static String storeId;
    static final Map<String, String> FILE_IDS = new LinkedHashMap<>();

    @BeforeAll
    static void ingest() {
        server = TestServer.start(dataDir);
        client = new HttpTestClient(server, dataDir);
        VectorStoreHttp http = new VectorStoreHttp(client, dataDir);
        for (Doc doc : CORPUS) {
            FILE_IDS.put(doc.name(), http.upload(doc.name(), doc.text()));
        }
        ObjectNode body = JSON.createObjectNode().put("name", "quality");
        FILE_IDS.values().forEach(body.putArray("file_ids")::add);
        storeId = http.createStore(body.toString());
        for (String fileId : FILE_IDS.values()) {
            assertThat(http.awaitFile(storeId, fileId).get("status").asText()).isEqualTo("completed");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_queries_are_what_they_claim_keywords_from_the_document_and_paraphrases_sharing_no_content_word() {
        for (Doc doc : CORPUS) {
            Set<String> terms = terms(doc.text());
            Set<String> paraphrase = terms(doc.paraphrase());
            paraphrase.removeAll(FUNCTION_WORDS);
            assertThat(terms).as("terms of %s", doc.name()).containsAll(terms(doc.keywords()));
            assertThat(terms)
                    .as("terms %s shares with its paraphrase", doc.name())
                    .doesNotContainAnyElementsOf(paraphrase);
        }
    }

    @Test
    void keyword_queries_rank_their_document_in_the_top_3_and_paraphrases_nearly_all() {
        // when
        List<String> report = new ArrayList<>();
        List<Integer> keywordRanks = new ArrayList<>();
        List<Integer> paraphraseRanks = new ArrayList<>();
        for (Doc doc : CORPUS) {
            keywordRanks.add(rank(doc.keywords(), doc, report));
            paraphraseRanks.add(rank(doc.paraphrase(), doc, report));
        }
        String ranks = String.join("\n", report);
        System.out.println("file_search quality (rank of the right document, 1 = first):\n" + ranks);

        // then
        assertThat(keywordRanks).as("keyword ranks:%n%s", ranks).allSatisfy(rank -> assertThat(rank)
                .isBetween(1, TOP));
        assertThat(paraphraseRanks).as("paraphrase ranks:%n%s", ranks).allSatisfy(rank -> assertThat(rank)
                .isBetween(1, TOP));
        client.assertNoServerErrors();
    }

    private static int rank(String query, Doc doc, List<String> report) {
        int rank = rank(query, FILE_IDS.get(doc.name()));
        report.add(String.format("%-15s rank %2d  %s", doc.name(), rank, query));
        return rank;
    }

    /** The 1-based rank of {@code fileId} among the search results (one chunk per document here), or -1. */
    private static int rank(String query, String fileId) {
        ObjectNode body = JSON.createObjectNode().put("query", query).put("max_num_results", CORPUS.size());
        JsonNode results = client.create("/v1/vector_stores/" + storeId + "/search", body.toString())
                .get("data");
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).get("file_id").asText().equals(fileId)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The terms the index's keyword search sees: English analysis (stopwords removed, Porter stems). */
    private static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (Analyzer analyzer = new EnglishAnalyzer();
                TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}

package dev.assistants4j.server;

import static dev.assistants4j.server.HttpTestClient.assertError;
import static dev.assistants4j.server.HttpTestClient.ids;
import static dev.assistants4j.server.HttpTestClient.json;
import static dev.assistants4j.server.HttpTestClient.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assistants4j.server.HttpTestClient.BadBody;
import dev.assistants4j.testkit.retrieval.TestRetrieval;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /v1/vector_stores}: every malformed or invalid request is refused in OpenAI's shape and stores nothing. */
class VectorStoresBadInputTest {

    @RegisterExtension
    static final ServerExtension server = ServerExtension.withDefaults()
            .setup(setup -> setup.withRetrieval(new TestRetrieval().retrieval()))
            .perClass()
            .failOnServerErrors();

    static HttpTestClient client;
    static VectorStoreHttp http;
    static String storeId;
    static String fileId;
    static String batchId;
    static String fresh;
    static JsonNode storeBefore;

    @BeforeAll
    static void start() {
        client = server.http();
        http = new VectorStoreHttp(client, server.dataDir());
        fileId = http.upload("kept.txt", "kept words");
        storeId = http.createStore(json("{'name':'kept','metadata':{'k':'v'},'file_ids':['" + fileId + "']}"));
        http.awaitFile(storeId, fileId);
        batchId = client.createId(
                "/v1/vector_stores/" + storeId + "/file_batches", json("{'file_ids':['" + fileId + "']}"));
        storeBefore = client.get("/v1/vector_stores/" + storeId).json();
        fresh = http.upload("fresh.txt", "a file no refused request may add");
    }

    static Stream<BadBody> malformed() {
        return HttpTestClient.malformedJson(json("{'name':'x'}"));
    }

    static Stream<BadBody> invalidCreate() {
        Stream<BadBody> base = Stream.of(
                BadBody.unknown("unknown field", json("{'name':'x','foo':1}"), "foo"),
                BadBody.wrongType("name 5", json("{'name':5}"), "name"),
                BadBody.of("name of 257 chars", "{\"name\":" + quoted('n', 257) + "}", "name"),
                BadBody.of("description of 513 chars", "{\"description\":" + quoted('d', 513) + "}", "description"),
                BadBody.wrongType("file_ids string", json("{'file_ids':'file-x'}"), "file_ids"),
                BadBody.wrongType("file_ids [5]", json("{'file_ids':[5]}"), "file_ids[0]"),
                BadBody.of("501 file_ids", json("{'file_ids':" + ids("file-", 501) + "}"), "file_ids"),
                BadBody.wrongType("expires_after 7", json("{'expires_after':7}"), "expires_after"),
                BadBody.of("expires_after days 0", expires("'anchor':'last_active_at','days':0"), "expires_after.days"),
                BadBody.of(
                        "expires_after days 366",
                        expires("'anchor':'last_active_at','days':366"),
                        "expires_after.days"),
                BadBody.wrongType(
                        "expires_after days '3'",
                        expires("'anchor':'last_active_at','days':'3'"),
                        "expires_after.days"),
                BadBody.of(
                        "expires_after anchor created_at",
                        expires("'anchor':'created_at','days':3"),
                        "expires_after.anchor"),
                BadBody.missing(
                        "expires_after without days", expires("'anchor':'last_active_at'"), "expires_after.days"),
                BadBody.missing("expires_after without anchor", expires("'days':3"), "expires_after.anchor"),
                BadBody.unknown(
                        "expires_after extra", expires("'anchor':'last_active_at','days':3,'x':1"), "expires_after.x"));
        return Stream.of(base, invalidChunking(""), HttpTestClient.invalidMetadata(m -> "{\"metadata\":" + m + "}"))
                .flatMap(stream -> stream);
    }

    /** Bad chunking strategies, placed into a body by {@code prefix} (fields before chunking_strategy). */
    static Stream<BadBody> invalidChunking(String prefix) {
        String p = "chunking_strategy";
        return Stream.of(
                BadBody.wrongType("chunking_strategy 'auto'", chunking(prefix, "'auto'"), p),
                BadBody.of("type nope", chunking(prefix, "{'type':'nope'}"), p + ".type"),
                BadBody.missing("no type", chunking(prefix, "{}"), p + ".type"),
                BadBody.unknown("auto with static", chunking(prefix, "{'type':'auto','static':{}}"), p + ".static"),
                BadBody.missing("static without static", chunking(prefix, "{'type':'static'}"), p + ".static"),
                BadBody.of("max 99", staticChunking(prefix, 99, 0), p + ".static.max_chunk_size_tokens"),
                BadBody.of("max 4097", staticChunking(prefix, 4097, 0), p + ".static.max_chunk_size_tokens"),
                BadBody.of("overlap above half", staticChunking(prefix, 200, 101), p + ".static.chunk_overlap_tokens"),
                BadBody.of("overlap negative", staticChunking(prefix, 200, -1), p + ".static.chunk_overlap_tokens"),
                BadBody.missing(
                        "static without overlap",
                        chunking(prefix, "{'type':'static','static':{'max_chunk_size_tokens':200}}"),
                        p + ".static.chunk_overlap_tokens"),
                BadBody.unknown(
                        "static extra",
                        chunking(
                                prefix,
                                "{'type':'static','static':{'max_chunk_size_tokens':200,"
                                        + "'chunk_overlap_tokens':0,'x':1}}"),
                        p + ".static.x"));
    }

    static Stream<BadBody> invalidModify() {
        return Stream.concat(
                Stream.of(
                        BadBody.unknown("description is not modifiable", json("{'description':'d'}"), "description"),
                        BadBody.unknown("file_ids", json("{'file_ids':[]}"), "file_ids"),
                        BadBody.wrongType("name 5", json("{'name':5,'metadata':{'a':'b'}}"), "name"),
                        BadBody.of(
                                "expires_after days 0",
                                json("{'name':'n','expires_after':{'anchor':'last_active_at','days':0}}"),
                                "expires_after.days")),
                HttpTestClient.invalidMetadata(m -> "{\"name\":\"changed\",\"metadata\":" + m + "}"));
    }

    static Stream<BadBody> invalidFile() {
        String f = "'file_id':'" + "FILE" + "'";
        return Stream.concat(
                Stream.of(
                        BadBody.missing("no file_id", json("{'attributes':{}}"), "file_id"),
                        BadBody.wrongType("file_id 5", json("{'file_id':5}"), "file_id"),
                        BadBody.unknown("unknown field", json("{" + f + ",'purpose':'x'}"), "purpose"),
                        BadBody.wrongType("attributes []", json("{" + f + ",'attributes':[]}"), "attributes"),
                        BadBody.wrongType(
                                "attribute object", json("{" + f + ",'attributes':{'a':{}}}"), "attributes.a"),
                        BadBody.wrongType(
                                "attribute array", json("{" + f + ",'attributes':{'a':[1]}}"), "attributes.a"),
                        BadBody.wrongType(
                                "attribute null", json("{" + f + ",'attributes':{'a':null}}"), "attributes.a"),
                        BadBody.of(
                                "17 attributes",
                                "{\"file_id\":\"FILE\",\"attributes\":" + HttpTestClient.metadata(17, 4, 4) + "}",
                                "attributes"),
                        BadBody.of(
                                "65-char attribute key",
                                "{\"file_id\":\"FILE\",\"attributes\":" + HttpTestClient.metadata(1, 65, 1) + "}",
                                "attributes"),
                        BadBody.of(
                                "513-char attribute value",
                                "{\"file_id\":\"FILE\",\"attributes\":{\"k\":" + quoted('v', 513) + "}}",
                                "attributes.k")),
                invalidChunking(f + ","));
    }

    static Stream<BadBody> invalidBatch() {
        return Stream.of(
                BadBody.missing("neither file_ids nor files", json("{'attributes':{}}"), "file_ids"),
                BadBody.of(
                        "both file_ids and files", json("{'file_ids':['FILE'],'files':[{'file_id':'FILE'}]}"), "files"),
                BadBody.of("empty file_ids", json("{'file_ids':[]}"), "file_ids"),
                BadBody.of("empty files", json("{'files':[]}"), "files"),
                BadBody.of("2001 file_ids", json("{'file_ids':" + ids("file-", 2001) + "}"), "file_ids"),
                BadBody.wrongType("files [5]", json("{'files':[5]}"), "files[0]"),
                BadBody.missing(
                        "files item without file_id", json("{'files':[{'attributes':{}}]}"), "files[0].file_id"),
                BadBody.unknown("files item extra", json("{'files':[{'file_id':'FILE','x':1}]}"), "files[0].x"),
                BadBody.of(
                        "files item bad chunking",
                        json("{'files':[{'file_id':'FILE','chunking_strategy':{'type':'x'}}]}"),
                        "files[0].chunking_strategy.type"),
                BadBody.unknown("unknown field", json("{'file_ids':['FILE'],'x':1}"), "x"),
                BadBody.wrongType("attributes 5", json("{'file_ids':['FILE'],'attributes':5}"), "attributes"));
    }

    static Stream<BadBody> invalidSearch() {
        String query = "{'query':'q'}";
        return Stream.of(
                BadBody.missing("no query", json("{'max_num_results':3}"), "query"),
                BadInputChecks.wrongTypeWith("{}", "query", "5"),
                BadInputChecks.wrongTypeWith("{}", "query", "null"),
                BadBody.of("query []", json("{'query':[]}"), "query"),
                BadBody.of("query ''", json("{'query':''}"), "query"),
                BadBody.wrongType("query [5]", json("{'query':[5]}"), "query[0]"),
                BadBody.unknown("unknown field", json("{'query':'q','top_k':3}"), "top_k"),
                BadBody.of("max_num_results 0", json("{'query':'q','max_num_results':0}"), "max_num_results"),
                BadBody.of("max_num_results 51", json("{'query':'q','max_num_results':51}"), "max_num_results"),
                BadInputChecks.wrongTypeWith(query, "max_num_results", "'5'"),
                BadInputChecks.wrongTypeWith(query, "rewrite_query", "'yes'"),
                BadBody.of(
                        "ranker best",
                        json("{'query':'q','ranking_options':{'ranker':'best'}}"),
                        "ranking_options.ranker"),
                BadBody.of(
                        "score_threshold 2",
                        json("{'query':'q','ranking_options':{'score_threshold':2}}"),
                        "ranking_options.score_threshold"),
                BadBody.unknown(
                        "ranking option extra", json("{'query':'q','ranking_options':{'x':1}}"), "ranking_options.x"),
                BadInputChecks.wrongTypeWith(query, "filters", "[]"),
                BadBody.missing(
                        "filter without type", json("{'query':'q','filters':{'key':'a','value':1}}"), "filters.type"),
                BadBody.of(
                        "filter type like",
                        json("{'query':'q','filters':{'type':'like','key':'a','value':1}}"),
                        "filters.type"),
                BadBody.missing(
                        "filter without value",
                        json("{'query':'q','filters':{'type':'eq','key':'a'}}"),
                        "filters.value"),
                BadBody.missing(
                        "filter without key", json("{'query':'q','filters':{'type':'eq','value':1}}"), "filters.key"),
                BadBody.wrongType(
                        "eq with array",
                        json("{'query':'q','filters':{'type':'eq','key':'a','value':[1]}}"),
                        "filters.value"),
                BadBody.wrongType(
                        "in with scalar",
                        json("{'query':'q','filters':{'type':'in','key':'a','value':1}}"),
                        "filters.value"),
                BadBody.unknown(
                        "comparison extra",
                        json("{'query':'q','filters':{'type':'eq','key':'a','value':1,'x':2}}"),
                        "filters.x"),
                BadBody.missing(
                        "and without filters", json("{'query':'q','filters':{'type':'and'}}"), "filters.filters"),
                BadBody.missing(
                        "nested comparison without key",
                        json("{'query':'q','filters':{'type':'or','filters':[{'type':'eq','value':1}]}}"),
                        "filters.filters[0].key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformed", "invalidCreate"})
    void create_refuses_and_stores_nothing(BadBody bad) {
        assertRefusedStoringNothing("/v1/vector_stores", bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformed", "invalidModify"})
    void modify_refuses_and_changes_nothing(BadBody bad) {
        // when
        var reply = client.post("/v1/vector_stores/" + storeId, bad.body());

        // then
        bad.assertRefused(reply);
        assertThat(client.get("/v1/vector_stores/" + storeId).json().get("name"))
                .isEqualTo(storeBefore.get("name"));
        assertThat(client.get("/v1/vector_stores/" + storeId).json().get("metadata"))
                .isEqualTo(storeBefore.get("metadata"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformed", "invalidFile"})
    void add_file_refuses_and_stores_nothing(BadBody bad) {
        assertRefusedStoringNothing("/v1/vector_stores/" + storeId + "/files", bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformed", "invalidBatch"})
    void create_batch_refuses_and_stores_nothing(BadBody bad) {
        assertRefusedStoringNothing("/v1/vector_stores/" + storeId + "/file_batches", bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformed", "invalidSearch"})
    void search_refuses_bad_input(BadBody bad) {
        bad.assertRefused(client.post("/v1/vector_stores/" + storeId + "/search", bad.body()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{}",
                "{\"attributes\":5}",
                "{\"attributes\":{},\"status\":\"completed\"}",
                "{\"attributes\":{\"a\":{}}}"
            })
    void attribute_update_refuses_and_changes_nothing(String body) {
        // when
        var reply = client.post("/v1/vector_stores/" + storeId + "/files/" + fileId, body);

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(client.get("/v1/vector_stores/" + storeId + "/files/" + fileId)
                        .json()
                        .get("attributes")
                        .toString())
                .isEqualTo("{}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?filter=bogus|filter", "?limit=0|limit", "?limit=101|limit", "?order=up|order"})
    void list_files_refuses_bad_queries(String queryAndParam) {
        String[] parts = queryAndParam.split("\\|");
        assertError(client.get("/v1/vector_stores/" + storeId + "/files" + parts[0]), 400, parts[1]);
        assertError(
                client.get("/v1/vector_stores/" + storeId + "/file_batches/" + batchId + "/files" + parts[0]),
                400,
                parts[1]);
    }

    @Test
    void unknown_ids_in_create_are_404_and_store_nothing() {
        // given
        var before = http.rows();

        // when
        var store = client.post("/v1/vector_stores", json("{'file_ids':['" + fileId + "','file-missing']}"));
        var batch = client.post(
                "/v1/vector_stores/" + storeId + "/file_batches",
                json("{'file_ids':['" + fileId + "','file-missing']}"));

        // then
        assertThat(assertError(store, 404, "file_id").get("message").asText())
                .isEqualTo("No such File object: file-missing");
        assertError(batch, 404, "file_id");
        assertThat(http.rows()).isEqualTo(before);
    }

    @Test
    void filters_nested_too_deep_are_refused() {
        var reply = client.post(
                "/v1/vector_stores/" + storeId + "/search", json("{'query':'q','filters':" + nested(12) + "}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("invalid_value");
    }

    @Test
    void unknown_sub_paths_and_methods_are_refused() {
        // given
        var before = http.rows();

        // when / then
        assertThat(client.post("/v1/vector_stores/" + storeId + "/nope", "{}").status())
                .isEqualTo(404);
        assertThat(client.delete("/v1/vector_stores/" + storeId + "/file_batches/" + batchId)
                        .status())
                .isEqualTo(405);
        assertThat(http.rows()).isEqualTo(before);
    }

    /**
     * Posts {@code bad}'s body to {@code path}, with the id of a file no refused request may add in place of its
     * {@code FILE}: refused as {@code bad} says, and no row stored.
     */
    private static void assertRefusedStoringNothing(String path, BadBody bad) {
        // given
        var before = http.rows();

        // when
        var reply = client.post(path, bad.body().replace("FILE", fresh));

        // then
        bad.assertRefused(reply);
        assertThat(http.rows()).isEqualTo(before);
    }

    private static String expires(String fields) {
        return json("{'expires_after':{" + fields + "}}");
    }

    private static String chunking(String prefix, String strategy) {
        return json("{" + prefix + "'chunking_strategy':" + strategy + "}");
    }

    private static String staticChunking(String prefix, int max, int overlap) {
        return chunking(
                prefix,
                "{'type':'static','static':{'max_chunk_size_tokens':" + max + ",'chunk_overlap_tokens':" + overlap
                        + "}}");
    }

    private static String nested(int depth) {
        String filter = "{'type':'eq','key':'a','value':1}";
        for (int i = 0; i < depth; i++) {
            filter = "{'type':'and','filters':[" + filter + "]}";
        }
        return filter;
    }
}

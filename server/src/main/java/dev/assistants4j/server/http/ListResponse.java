package dev.assistants4j.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.assistants4j.core.store.Page;
import java.util.List;
import java.util.function.Function;

/** The wire shape of every list: {@code {"object":"list","data","first_id","last_id","has_more"}}. */
@JsonPropertyOrder({"object", "data", "first_id", "last_id", "has_more"})
record ListResponse<T>(List<T> data, String firstId, String lastId, boolean hasMore) {

    static <T> ListResponse<T> of(Page<T> page, Function<T, String> id) {
        return new ListResponse<>(
                page.data(), page.firstId(id).orElse(null), page.lastId(id).orElse(null), page.hasMore());
    }

    @JsonProperty("object")
    String object() {
        return "list";
    }
}

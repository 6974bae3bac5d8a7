package dev.assistants4j.server.http;

import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import java.util.Optional;

/** Reads {@code limit}, {@code order}, {@code after} and {@code before} from a list request's query string. */
final class ListQuery {

    private ListQuery() {}

    static PageRequest page(ApiExchange call) {
        return new PageRequest(
                limit(call, PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT),
                order(call),
                cursor(call, "after"),
                cursor(call, "before"));
    }

    /** {@code limit}: 1..{@code max}, {@code fallback} when absent. */
    static int limit(ApiExchange call, int fallback, int max) {
        String raw = call.queryParam("limit");
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    "Invalid 'limit': expected an integer, but got '" + raw + "' instead.", "limit", "invalid_type");
        }
        JsonObjectReader.checkRange("limit", "integer", limit, 1, max, Integer.toString(limit));
        return limit;
    }

    /** {@code order}: asc or desc, default desc. */
    static ListOrder order(ApiExchange call) {
        String raw = call.queryParam("order");
        if (raw == null || raw.isEmpty()) {
            return ListOrder.DESC;
        }
        return switch (raw) {
            case "asc" -> ListOrder.ASC;
            case "desc" -> ListOrder.DESC;
            default ->
                throw new InvalidRequestException(
                        "Invalid value for 'order': '" + raw + "'. Supported values are: asc, desc.",
                        "order",
                        "invalid_value");
        };
    }

    private static Optional<String> cursor(ApiExchange call, String name) {
        String raw = call.queryParam(name);
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(raw);
    }

    /** An optional plain filter such as {@code run_id}. */
    static Optional<String> filter(ApiExchange call, String name) {
        return cursor(call, name);
    }
}

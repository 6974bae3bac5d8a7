package dev.assistants4j.server.http;

import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.PageRequest;
import io.javalin.http.Context;
import java.util.Optional;

/** Reads {@code limit}, {@code order}, {@code after} and {@code before} from a list request's query string. */
final class ListQuery {

    private ListQuery() {}

    static PageRequest page(Context ctx) {
        return new PageRequest(
                limit(ctx, PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT),
                order(ctx),
                cursor(ctx, "after"),
                cursor(ctx, "before"));
    }

    /** {@code limit}: 1..{@code max}, {@code fallback} when absent. */
    static int limit(Context ctx, int fallback, int max) {
        String raw = ctx.queryParam("limit");
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
    static ListOrder order(Context ctx) {
        String raw = ctx.queryParam("order");
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

    private static Optional<String> cursor(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(raw);
    }

    /** An optional plain filter such as {@code run_id}. */
    static Optional<String> filter(Context ctx, String name) {
        return cursor(ctx, name);
    }
}

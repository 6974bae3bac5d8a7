package dev.assistants4j.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A cursor page of a list.
 *
 * @param limit 1..100
 * @param after return the items that follow this id in {@code order}
 * @param before return the items that precede this id in {@code order}
 */
public record PageRequest(int limit, ListOrder order, Optional<String> after, Optional<String> before) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    /** The first page with the API defaults (20, newest first). */
    public static PageRequest firstPage() {
        return new PageRequest(DEFAULT_LIMIT, ListOrder.DESC, Optional.empty(), Optional.empty());
    }
}

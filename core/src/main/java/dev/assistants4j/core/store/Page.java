package dev.assistants4j.core.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a list, in the requested order, and whether more items follow. */
public record Page<T>(List<T> data, boolean hasMore) {

    public Page {
        data = List.copyOf(data);
    }

    /** The id of the first item, if any. */
    public Optional<String> firstId(Function<T, String> id) {
        return data.isEmpty() ? Optional.empty() : Optional.of(id.apply(data.getFirst()));
    }

    /** The id of the last item, if any. */
    public Optional<String> lastId(Function<T, String> id) {
        return data.isEmpty() ? Optional.empty() : Optional.of(id.apply(data.getLast()));
    }
}

package dev.assistants4j.client.model;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a list: its objects, the ids of the first and last, and whether more follow. {@link #nextPage()} fetches
 * the next one (the same call with {@code after} set to {@link #lastId()}); {@link #autoPaging()} walks them all.
 * Immutable; fetching uses the client that made the page.
 */
public final class Page<T> {

    private final List<T> data;
    private final String firstId;
    private final String lastId;
    private final boolean hasMore;
    private final Function<String, Page<T>> fetchAfter;

    /** A page; {@code fetchAfter} lists the objects after a given id. */
    public Page(List<T> data, String firstId, String lastId, boolean hasMore, Function<String, Page<T>> fetchAfter) {
        this.data = List.copyOf(data);
        this.firstId = firstId;
        this.lastId = lastId;
        this.hasMore = hasMore;
        this.fetchAfter = fetchAfter;
    }

    public List<T> data() {
        return data;
    }

    public String firstId() {
        return firstId;
    }

    public String lastId() {
        return lastId;
    }

    public boolean hasMore() {
        return hasMore;
    }

    /** The next page; empty when this is the last. */
    public Optional<Page<T>> nextPage() {
        return hasMore && lastId != null ? Optional.of(fetchAfter.apply(lastId)) : Optional.empty();
    }

    /** Every object of this page and the pages after it, fetched as the stream reaches them. */
    public Stream<T> autoPaging() {
        Iterator<Page<T>> pages = new Iterator<>() {
            private Page<T> next = Page.this;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Page<T> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Page<T> current = next;
                next = current.nextPage().orElse(null);
                return current;
            }
        };
        Iterable<Page<T>> iterable = () -> pages;
        return StreamSupport.stream(iterable.spliterator(), false).flatMap(page -> page.data().stream());
    }

    @Override
    public String toString() {
        return "Page[data=" + data + ", firstId=" + firstId + ", lastId=" + lastId + ", hasMore=" + hasMore + "]";
    }
}

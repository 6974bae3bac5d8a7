package dev.assistants4j.client.params;

/**
 * The query of a list call: page size ({@code limit}, 1–100), {@code order} ({@code asc} or {@code desc}) and the
 * cursors {@code after} / {@code before}; null fields are left out. Build with the withers:
 * {@code ListParams.DEFAULT.limit(20).order("asc")}.
 */
public record ListParams(Integer limit, String order, String after, String before) {

    /** Nothing set: the server's defaults. */
    public static final ListParams DEFAULT = new ListParams(null, null, null, null);

    public ListParams limit(int limit) {
        return new ListParams(limit, order, after, before);
    }

    public ListParams order(String order) {
        return new ListParams(limit, order, after, before);
    }

    public ListParams after(String after) {
        return new ListParams(limit, order, after, before);
    }

    public ListParams before(String before) {
        return new ListParams(limit, order, after, before);
    }
}

package dev.assistants4j.testkit.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.ServerException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One table of objects kept as JSON (so what is read back is what a database would give: a copy, with numbers and
 * maps as JSON has them), in insertion order ({@code seq}), keyed by id and owned by a project, with scope columns
 * (such as {@code thread_id}) that queries filter on. Not thread-safe: {@link InMemoryStores} holds its lock around
 * every use.
 */
final class MemoryTable<T> {

    /** A stored row: its place in insertion order, owner, scope and index columns, and the object as JSON. */
    static final class Row {
        final long seq;
        final String id;
        String projectId;
        final Map<String, Object> columns;
        String body;

        Row(long seq, String id, String projectId, Map<String, Object> columns, String body) {
            this.seq = seq;
            this.id = id;
            this.projectId = projectId;
            this.columns = columns;
            this.body = body;
        }

        Object column(String name) {
            return columns.get(name);
        }
    }

    private final String name;
    private final Class<T> type;
    private final Function<T, String> id;
    private final List<String> uniqueColumns;
    private final List<Row> rows = new ArrayList<>();
    private long nextSeq = 1;

    /**
     * @param uniqueColumns the columns that, with the id, make a row unique (none: the id is unique in the table)
     */
    MemoryTable(String name, Class<T> type, Function<T, String> id, String... uniqueColumns) {
        this.name = name;
        this.type = type;
        this.id = id;
        this.uniqueColumns = List.of(uniqueColumns);
    }

    /** Fails, as a unique index would, when the row's key is taken. */
    void checkInsertable(T object, Map<String, Object> columns) {
        String objectId = id.apply(object);
        boolean taken = rows.stream()
                .anyMatch(row -> row.id.equals(objectId)
                        && uniqueColumns.stream().allMatch(c -> Objects.equals(row.column(c), columns.get(c))));
        if (taken) {
            throw new IllegalStateException("UNIQUE constraint failed: " + name + ".id");
        }
    }

    void insert(String projectId, Map<String, Object> columns, T object) {
        checkInsertable(object, columns);
        rows.add(new Row(nextSeq++, id.apply(object), projectId, new HashMap<>(columns), write(object)));
    }

    Optional<T> find(String projectId, Map<String, Object> scope, String objectId) {
        return row(projectId, scope, objectId).map(row -> read(row.body));
    }

    Optional<Row> row(String projectId, Map<String, Object> scope, String objectId) {
        return rows.stream()
                .filter(row -> row.id.equals(objectId) && inScope(row, projectId, scope))
                .findFirst();
    }

    /** Replaces the object and sets {@code columns} with it; false when there is no such row. */
    boolean update(String projectId, Map<String, Object> scope, Map<String, Object> columns, T object) {
        Optional<Row> row = row(projectId, scope, id.apply(object));
        row.ifPresent(found -> {
            found.body = write(object);
            found.columns.putAll(columns);
        });
        return row.isPresent();
    }

    /** Rewrites the stored object of a row. */
    void rewrite(Row row, UnaryOperator<T> change) {
        row.body = write(change.apply(read(row.body)));
    }

    boolean delete(String projectId, Map<String, Object> scope, String objectId) {
        return rows.removeIf(row -> row.id.equals(objectId) && inScope(row, projectId, scope));
    }

    /** Gives every row of {@code fromProject} to {@code toProject}; returns how many. */
    int move(String fromProject, String toProject) {
        List<Row> moved = rows(row -> row.projectId.equals(fromProject));
        moved.forEach(row -> row.projectId = toProject);
        return moved.size();
    }

    /** Removes every row that matches; returns how many. */
    int deleteWhere(Predicate<Row> matches) {
        int before = rows.size();
        rows.removeIf(matches);
        return before - rows.size();
    }

    /** Every row that matches, in insertion order. */
    List<Row> rows(Predicate<Row> matches) {
        return rows.stream().filter(matches).toList();
    }

    T object(Row row) {
        return read(row.body);
    }

    /**
     * A cursor page over the rows of the scope that also match {@code filter}, as {@code ObjectTable.list} in the
     * store module: ordered by insertion; the cursors need only be in the scope.
     */
    Page<T> list(String projectId, Map<String, Object> scope, Map<String, Object> filter, PageRequest page) {
        boolean descending = page.order() == ListOrder.DESC;
        Long after = page.after()
                .map(cursor -> seqOf(projectId, scope, cursor, "after"))
                .orElse(null);
        Long before = page.before()
                .map(cursor -> seqOf(projectId, scope, cursor, "before"))
                .orElse(null);
        boolean backwards = after == null && before != null;
        List<Row> matching = new ArrayList<>(rows.stream()
                .filter(row -> inScope(row, projectId, scope) && inScope(row, projectId, filter))
                .filter(row -> after == null || (descending ? row.seq < after : row.seq > after))
                .filter(row -> before == null || (descending ? row.seq > before : row.seq < before))
                .toList());
        // Walking backwards from a `before` cursor reads the nearest rows first, then restores the order.
        if (descending != backwards) {
            Collections.reverse(matching);
        }
        boolean hasMore = matching.size() > page.limit();
        List<T> data = new ArrayList<>(matching.subList(0, Math.min(page.limit(), matching.size())).stream()
                .map(row -> read(row.body))
                .toList());
        if (backwards) {
            Collections.reverse(data);
        }
        return new Page<>(data, hasMore);
    }

    private long seqOf(String projectId, Map<String, Object> scope, String cursor, String param) {
        return row(projectId, scope, cursor)
                .orElseThrow(() -> new InvalidRequestException(
                        "Invalid '" + param + "': no object with id '" + cursor + "' in this list.", param))
                .seq;
    }

    private static boolean inScope(Row row, String projectId, Map<String, Object> scope) {
        return row.projectId.equals(projectId)
                && scope.entrySet().stream().allMatch(e -> Objects.equals(row.column(e.getKey()), e.getValue()));
    }

    private String write(T object) {
        try {
            return Json.MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new ServerException("Could not store the " + name + " object.", e);
        }
    }

    private T read(String body) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ServerException("A stored " + name + " object could not be read.", e);
        }
    }
}

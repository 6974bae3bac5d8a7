package dev.assistants4j.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.error.InvalidRequestException;
import dev.assistants4j.core.error.ServerException;
import dev.assistants4j.core.store.ListOrder;
import dev.assistants4j.core.store.Page;
import dev.assistants4j.core.store.PageRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One table of JSON objects keyed by id and owned by a project, with optional scope columns (such as
 * {@code thread_id}) that every query also filters on. Stateless; callers supply the handle and transaction.
 */
final class ObjectTable<T> {

    private final String table;
    private final Class<T> type;
    private final Function<T, String> id;

    ObjectTable(String table, Class<T> type, Function<T, String> id) {
        this.table = table;
        this.type = type;
        this.id = id;
    }

    /** Inserts an object; {@code columns} holds the scope and index columns besides id, project and time. */
    void insert(Handle handle, String projectId, long createdAt, Map<String, Object> columns, T object) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id.apply(object));
        values.put("project_id", projectId);
        values.put("created_at", createdAt);
        values.putAll(columns);
        values.put("body", write(object));
        String names = String.join(", ", values.keySet());
        String binds = values.keySet().stream().map(k -> ":" + k).collect(Collectors.joining(", "));
        handle.createUpdate("INSERT INTO " + table + " (" + names + ") VALUES (" + binds + ")")
                .bindMap(values)
                .execute();
    }

    Optional<T> find(Handle handle, String projectId, Map<String, Object> scope, String objectId) {
        return handle.createQuery("SELECT body FROM " + table + " WHERE id = :id" + where(scope))
                .bind("id", objectId)
                .bind("project_id", projectId)
                .bindMap(scope)
                .mapTo(String.class)
                .findOne()
                .map(this::read);
    }

    boolean update(Handle handle, String projectId, Map<String, Object> scope, T object) {
        return update(handle, projectId, scope, Map.of(), object);
    }

    /** Replaces the object and sets the given indexed {@code columns} (such as a status) with it. */
    boolean update(Handle handle, String projectId, Map<String, Object> scope, Map<String, Object> columns, T object) {
        StringBuilder set = new StringBuilder("body = :body");
        columns.keySet()
                .forEach(column ->
                        set.append(", ").append(column).append(" = :set_").append(column));
        var update = handle.createUpdate("UPDATE " + table + " SET " + set + " WHERE id = :id" + where(scope))
                .bind("body", write(object))
                .bind("id", id.apply(object))
                .bind("project_id", projectId)
                .bindMap(scope);
        columns.forEach((column, value) -> update.bind("set_" + column, value));
        return update.execute() > 0;
    }

    /**
     * Sets top-level {@code fields} of the JSON body (wire names; values as Jackson writes them) and the indexed
     * {@code columns} of every row of the project that matches {@code match}, keeping the rest of each body as it is
     * now: what SQLite's {@code json_set} does, on every database. The rows are locked as they are read. Returns how
     * many rows changed.
     */
    int patch(
            Handle handle,
            String projectId,
            Map<String, Object> match,
            Map<String, Object> fields,
            Map<String, Object> columns) {
        List<Map.Entry<Long, String>> rows = handle.createQuery(
                        "SELECT seq, body FROM " + table + " WHERE 1 = 1" + where(match) + " ORDER BY seq <for_update>")
                .bind("project_id", projectId)
                .bindMap(match)
                .map((rs, ctx) -> Map.entry(rs.getLong("seq"), rs.getString("body")))
                .list();
        StringBuilder set = new StringBuilder("body = :body");
        columns.keySet()
                .forEach(column ->
                        set.append(", ").append(column).append(" = :set_").append(column));
        for (Map.Entry<Long, String> row : rows) {
            var update = handle.createUpdate("UPDATE " + table + " SET " + set + " WHERE seq = :seq")
                    .bind("body", withFields(row.getValue(), fields))
                    .bind("seq", row.getKey());
            columns.forEach((column, value) -> update.bind("set_" + column, value));
            update.execute();
        }
        return rows.size();
    }

    private String withFields(String body, Map<String, Object> fields) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(body);
            fields.forEach((name, value) -> node.set(name, Json.MAPPER.valueToTree(value)));
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ServerException("A stored " + table + " object could not be changed.", e);
        }
    }

    boolean delete(Handle handle, String projectId, Map<String, Object> scope, String objectId) {
        return handle.createUpdate("DELETE FROM " + table + " WHERE id = :id" + where(scope))
                        .bind("id", objectId)
                        .bind("project_id", projectId)
                        .bindMap(scope)
                        .execute()
                > 0;
    }

    /** A cursor page over the rows of the scope, ordered by insertion ({@code seq}), which follows created_at. */
    Page<T> list(Handle handle, String projectId, Map<String, Object> scope, PageRequest page) {
        return list(handle, projectId, scope, Map.of(), page);
    }

    /**
     * As {@link #list(Handle, String, Map, PageRequest)}, returning only the rows that also match {@code filter} (such
     * as a status); cursors need only be in the scope.
     */
    Page<T> list(
            Handle handle, String projectId, Map<String, Object> scope, Map<String, Object> filter, PageRequest page) {
        boolean descending = page.order() == ListOrder.DESC;
        boolean backwards = page.after().isEmpty() && page.before().isPresent();
        Map<String, Object> rowScope = new LinkedHashMap<>(scope);
        rowScope.putAll(filter);
        StringBuilder sql = new StringBuilder("SELECT body FROM " + table + " WHERE 1 = 1" + where(rowScope));
        Map<String, Object> binds = new LinkedHashMap<>(rowScope);
        binds.put("project_id", projectId);
        if (page.after().isPresent()) {
            binds.put("after_seq", seqOf(handle, projectId, scope, page.after().get(), "after"));
            sql.append(descending ? " AND seq < :after_seq" : " AND seq > :after_seq");
        }
        if (page.before().isPresent()) {
            binds.put(
                    "before_seq", seqOf(handle, projectId, scope, page.before().get(), "before"));
            sql.append(descending ? " AND seq > :before_seq" : " AND seq < :before_seq");
        }
        // Walking backwards from a `before` cursor reads the nearest rows first, then restores the order.
        boolean sqlDescending = descending != backwards;
        sql.append(" ORDER BY seq ").append(sqlDescending ? "DESC" : "ASC").append(" LIMIT :limit");
        binds.put("limit", page.limit() + 1);
        Query query = handle.createQuery(sql.toString()).bindMap(binds);
        List<T> rows = new ArrayList<>(query.mapTo(String.class).map(this::read).list());
        boolean hasMore = rows.size() > page.limit();
        if (hasMore) {
            rows.removeLast();
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        return new Page<>(rows, hasMore);
    }

    private long seqOf(Handle handle, String projectId, Map<String, Object> scope, String cursor, String param) {
        return handle.createQuery("SELECT seq FROM " + table + " WHERE id = :cursor" + where(scope))
                .bind("cursor", cursor)
                .bind("project_id", projectId)
                .bindMap(scope)
                .mapTo(Long.class)
                .findOne()
                .orElseThrow(() -> new InvalidRequestException(
                        "Invalid '" + param + "': no object with id '" + cursor + "' in this list.", param));
    }

    private static String where(Map<String, Object> scope) {
        StringBuilder sql = new StringBuilder(" AND project_id = :project_id");
        scope.keySet()
                .forEach(column ->
                        sql.append(" AND ").append(column).append(" = :").append(column));
        return sql.toString();
    }

    private String write(T object) {
        try {
            return Json.MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new ServerException("Could not store the " + table + " object.", e);
        }
    }

    private T read(String body) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ServerException("A stored " + table + " object could not be read.", e);
        }
    }
}

package dev.assistants4j.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assistants4j.core.Json;
import dev.assistants4j.core.error.ServerException;
import org.jdbi.v3.core.Handle;

/**
 * What the key and team stores share: their rows' JSON bodies, and the {@code access_changes} version every write of
 * theirs advances in its own transaction. Stateless.
 */
final class AccessRows {

    private AccessRows() {}

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ServerException("Could not store a key or team.", e);
        }
    }

    static <T> T read(String body, Class<T> type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ServerException("A stored key or team could not be read.", e);
        }
    }

    /** Advances the version nodes poll; call inside the write's transaction. */
    static void changed(Handle handle) {
        handle.createUpdate("UPDATE access_changes SET version = version + 1 WHERE id = 1")
                .execute();
    }

    static long version(Handle handle) {
        return handle.createQuery("SELECT version FROM access_changes WHERE id = 1")
                .mapTo(Long.class)
                .one();
    }
}

package dev.assistants4j.core.domain;

/**
 * The answer to a delete: {@code {"id","object":"assistant.deleted","deleted":true}}.
 *
 * @param object the deleted object's type with {@code .deleted} appended
 */
public record DeletedObject(String id, String object, boolean deleted) {

    /** A successful delete of an object of the given wire type, for example {@code thread}. */
    public static DeletedObject of(String id, String objectType) {
        return new DeletedObject(id, objectType + ".deleted", true);
    }
}

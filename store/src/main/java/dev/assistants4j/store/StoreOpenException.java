package dev.assistants4j.store;

/** The database could not be opened: unreachable, refused, or not migratable. Its message names the database. */
public final class StoreOpenException extends RuntimeException {

    private StoreOpenException(String message, Throwable cause) {
        super(message, cause);
    }

    static StoreOpenException of(DatabaseUrl url, Throwable cause) {
        return new StoreOpenException("Cannot open the database " + url.display() + ": " + rootMessage(cause), cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return DatabaseUrl.redact(message);
    }
}

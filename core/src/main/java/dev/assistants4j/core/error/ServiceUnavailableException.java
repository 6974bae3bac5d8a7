package dev.assistants4j.core.error;

import java.io.IOException;

/**
 * The server cannot do this now, but may soon (HTTP 503): for example its database cannot be written because the disk
 * is full. Nothing of the request was stored; retrying later helps.
 */
public final class ServiceUnavailableException extends AssistantsException {

    public ServiceUnavailableException(String message, String code, Throwable cause) {
        super(503, SERVER_ERROR, message, null, code, cause);
    }

    /** The refusal of a write that found the disk full: {@code what} could not be stored, nothing was. */
    public static ServiceUnavailableException diskFull(String what, Throwable cause) {
        return new ServiceUnavailableException(
                "The server cannot store " + what + " right now (the disk is full); nothing was stored. Retry later.",
                "store_unavailable",
                cause);
    }

    /** True when {@code failure} or a cause of it is a file write that found no space (ENOSPC) or quota (EDQUOT). */
    public static boolean noSpace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof IOException
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}

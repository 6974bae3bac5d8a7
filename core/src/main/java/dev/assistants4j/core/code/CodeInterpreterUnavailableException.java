package dev.assistants4j.core.code;

/**
 * The code interpreter cannot be offered on this host (for instance bubblewrap is missing or cannot create
 * namespaces); the message says why and what to install or configure.
 */
public final class CodeInterpreterUnavailableException extends RuntimeException {

    public CodeInterpreterUnavailableException(String message) {
        super(message);
    }

    public CodeInterpreterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

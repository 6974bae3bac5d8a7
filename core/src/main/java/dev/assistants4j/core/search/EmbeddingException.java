package dev.assistants4j.core.search;

/** The embedding model failed (an upstream error, a model that cannot load). */
public final class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.assistants4j.client;

/** A request that conflicts with the object's state (409). */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message, String type, String code, String param) {
        super(409, message, type, code, param);
    }
}

package dev.assistants4j.client;

/** An error of the server or of what it called (5xx). */
public class InternalServerException extends ApiException {

    private static final long serialVersionUID = 1L;

    public InternalServerException(int status, String message, String type, String code, String param) {
        super(status, message, type, code, param);
    }
}

package dev.assistants4j.client;

/** An unknown id or path (404). */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, String type, String code, String param) {
        super(404, message, type, code, param);
    }
}

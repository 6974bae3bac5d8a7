package dev.assistants4j.client;

/** A request the API refused as invalid (400). */
public class BadRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message, String type, String code, String param) {
        super(400, message, type, code, param);
    }
}

package dev.assistants4j.client;

/** A request the API understood but cannot process (422). */
public class UnprocessableEntityException extends ApiException {

    private static final long serialVersionUID = 1L;

    public UnprocessableEntityException(String message, String type, String code, String param) {
        super(422, message, type, code, param);
    }
}
